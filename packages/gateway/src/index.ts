/** `@rampart/gateway`: public surface (filled by its issue). */
export {};
