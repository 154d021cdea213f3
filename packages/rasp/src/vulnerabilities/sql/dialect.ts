/** What differs between the SQL dialects for tokenizing: quoting, escapes and comment forms. */
export interface SqlDialect {
  name: 'postgres' | 'mysql' | 'sqlite' | 'generic';
  /** `\'` escapes inside string literals (MySQL/MariaDB default; PostgreSQL only in E'...' strings). */
  backslashEscapes: boolean;
  /** `"..."` is a string literal (MySQL without ANSI_QUOTES) rather than an identifier. */
  doubleQuoteString: boolean;
  /** `` `...` `` quotes identifiers (MySQL, SQLite). */
  backtickIdentifier: boolean;
  /** `[...]` quotes identifiers (SQLite, for MS Access/SQL Server compatibility). */
  bracketIdentifier: boolean;
  /** `#` starts a line comment (MySQL). */
  hashComment: boolean;
  /** `$tag$...$tag$` strings (PostgreSQL). */
  dollarQuotes: boolean;
  /** `/* ... /* ... *\/ ... *\/` nest (PostgreSQL). */
  nestedComments: boolean;
  /** `E'...'` strings with backslash escapes (PostgreSQL). */
  escapeStringPrefix: boolean;
}

export const POSTGRES: SqlDialect = {
  name: 'postgres',
  backslashEscapes: false,
  doubleQuoteString: false,
  backtickIdentifier: false,
  bracketIdentifier: false,
  hashComment: false,
  dollarQuotes: true,
  nestedComments: true,
  escapeStringPrefix: true,
};

export const MYSQL: SqlDialect = {
  name: 'mysql',
  backslashEscapes: true,
  doubleQuoteString: true,
  backtickIdentifier: true,
  bracketIdentifier: false,
  hashComment: true,
  dollarQuotes: false,
  nestedComments: false,
  escapeStringPrefix: false,
};

export const SQLITE: SqlDialect = {
  name: 'sqlite',
  backslashEscapes: false,
  doubleQuoteString: false,
  backtickIdentifier: true,
  bracketIdentifier: true,
  hashComment: false,
  dollarQuotes: false,
  nestedComments: false,
  escapeStringPrefix: false,
};

/** For drivers of unknown dialect: the union of string forms, so that nothing that may be a quote is missed. */
export const GENERIC: SqlDialect = {
  name: 'generic',
  backslashEscapes: true,
  doubleQuoteString: false,
  backtickIdentifier: true,
  bracketIdentifier: false,
  hashComment: true,
  dollarQuotes: true,
  nestedComments: false,
  escapeStringPrefix: true,
};
