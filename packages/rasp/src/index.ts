/** `@rampart/rasp`: public surface (filled by its issue). */
export {};
