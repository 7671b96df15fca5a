/** The verifier's findings: one line per check, in the spirit of `aws cloudtrail validate-logs`. */

export type CheckStatus = 'pass' | 'fail' | 'warn' | 'skip';

export interface CheckResult {
  /** Stable name, e.g. "manifest signature". */
  readonly check: string;
  readonly status: CheckStatus;
  /** What was found, for a person. */
  readonly detail: string;
}

export interface VerifyReport {
  readonly checks: readonly CheckResult[];
  /** True only when no check failed or was skipped (warnings are allowed only where the caller asked to accept partial evidence). */
  readonly ok: boolean;
}

export class Findings {
  readonly list: CheckResult[] = [];

  pass(check: string, detail: string): void {
    this.list.push({ check, status: 'pass', detail });
  }

  fail(check: string, detail: string): void {
    this.list.push({ check, status: 'fail', detail });
  }

  warn(check: string, detail: string): void {
    this.list.push({ check, status: 'warn', detail });
  }

  /** A check that could not run because something it needs already failed. */
  skip(check: string, needs: string): void {
    this.list.push({ check, status: 'skip', detail: `not checked: ${needs}` });
  }

  /** Records pass or fail from a list of problems (the first few are named). */
  verdict(check: string, problems: readonly string[], passDetail: string): boolean {
    if (problems.length === 0) {
      this.pass(check, passDetail);
      return true;
    }
    const shown = problems.slice(0, 5).join('; ');
    this.fail(check, problems.length > 5 ? `${shown}; and ${problems.length - 5} more` : shown);
    return false;
  }

  report(): VerifyReport {
    return { checks: this.list, ok: this.list.every((c) => c.status === 'pass' || c.status === 'warn') };
  }
}

/** The printed form: one line per check, then a summary. */
export function formatReport(report: VerifyReport): string {
  const lines = report.checks.map((c) => `${c.status.toUpperCase().padEnd(4)}  ${c.check}: ${c.detail}`);
  const count = (s: string): number => report.checks.filter((c) => c.status === s).length;
  const extra = `${count('skip') > 0 ? `; skipped: ${count('skip')}` : ''}${count('warn') > 0 ? `; warnings: ${count('warn')}` : ''}`;
  const summary = `checks passed: ${count('pass')} of ${report.checks.length}; failed: ${count('fail')}${extra}`;
  const verdict = report.ok ? 'VERIFIED: every check passed.' : 'NOT VERIFIED: do not rely on this bundle.';
  return `${lines.join('\n')}\n\n${summary}\n${verdict}\n`;
}
