import { readFile } from 'node:fs/promises';
import { parse, YAMLParseError } from 'yaml';
import { ZApprovalPolicy, type ApprovalPolicy } from '../../core/domain/approval-policy.js';
import { describeIssue } from '../../core/validation.js';

/** A policy file that cannot be used; the message is one line naming the file and the problem. */
class PolicyFileError extends Error {
  constructor(file: string, problem: string) {
    super(`Approval policy ${file}: ${problem}`);
    this.name = 'PolicyFileError';
  }
}

/** Parses policy YAML text; `file` only names it in errors. */
export function parsePolicyText(text: string, file: string): ApprovalPolicy {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const at = error.linePos?.[0] ? ` (line ${error.linePos[0].line}, column ${error.linePos[0].col})` : '';
      throw new PolicyFileError(file, `not valid YAML${at}: ${error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`);
    }
    throw error;
  }
  const result = ZApprovalPolicy.safeParse(raw ?? {});
  if (!result.success) {
    // The first few issues on one line: enough to find each, short enough for a start-up log.
    const issues = result.error.issues.slice(0, 3).map(describeIssue);
    const more = result.error.issues.length > 3 ? ` (and ${result.error.issues.length - 3} more)` : '';
    throw new PolicyFileError(file, `${issues.join('; ')}${more}`.replace(/\s*\n\s*/g, ' '));
  }
  return result.data;
}

/** Reads and validates the approval policy file at start-up. */
export async function loadPolicyFile(file: string): Promise<ApprovalPolicy> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new PolicyFileError(file, code === 'ENOENT' ? 'file not found' : `cannot be read (${code ?? String(error)})`);
  }
  return parsePolicyText(text, file);
}
