/** The library's version, written into every result's audit. A test keeps it equal to package.json's. */
export const VERSION = '0.1.0';
