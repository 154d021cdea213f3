/** `@rampart/waf`: public surface (filled by its issue). */
export {};
