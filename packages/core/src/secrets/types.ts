/** The shape of a secret rule and of what it finds. Zero dependencies: the gateway's DLP and the scanner share these. */
import type { Severity } from '../severity.js';

export interface SecretRule {
  /** Stable ID (`github-pat-classic`, `aws-access-key-id`): findings, allowlists and SARIF rule IDs use it. */
  id: string;
  title: string;
  severity: Severity;
  /**
   * Case-insensitive literals, one of which must occur near every match (the prefilter). A rule meets a text only where
   * one of its keywords does, so keep them specific: a token prefix is ideal.
   */
  keywords: string[];
  /**
   * A global (`g`) regex, written so that it cannot backtrack catastrophically: no nested or adjacent unbounded
   * quantifiers over overlapping classes. The secret is the named group `secret`, else the whole match.
   */
  pattern: RegExp;
  /**
   * How far (in characters) after a keyword the match may end. Default: the rest of the keyword's line (at most 1,024
   * characters). Multi-line secrets (PEM blocks) set a larger span.
   */
  span?: number;
  /** Minimum Shannon entropy of the secret, in bits per character. */
  minEntropy?: number;
  /** A further check of the secret (a checksum, a decodable structure). False drops the match. */
  verify?: (secret: string, match: RegExpExecArray) => boolean;
  /** No provider prefix: the value is judged by its name and shape, so placeholder rejection is strict. */
  generic?: boolean;
  /** Why it matters and how to rotate, for reports. */
  description?: string;
  references?: string[];
}

export interface SecretMatch {
  ruleId: string;
  title: string;
  severity: Severity;
  /** Offsets of the secret in the text (UTF-16 code units), end exclusive. */
  start: number;
  end: number;
  /** 1-based line and column of `start`. */
  line: number;
  column: number;
  /** The matched secret value, as written in the text (still encoded when it was found inside base64). */
  secret: string;
  /** 1-based line of `end` when the secret spans several lines. */
  endLine?: number;
  /** `base64` when the secret was found by decoding the text around it. */
  encoding?: 'base64';
}

export interface FindSecretsOptions {
  rules?: readonly SecretRule[];
}
