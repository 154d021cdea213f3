/** `@rampart/siem`: public surface (filled by its issue). */
export {};
