// House rule (issue 19): no source file over 300 lines unless a header line says why, in the form
// `// Long because: <reason>` within its first lines. Split the file, or give the reason.
import { describe, expect, it } from 'vitest';
import { unexplainedLongFile } from './long-files';
import { compareWithPending, describeOffenders } from './offender-report';
import { PENDING_LONG_FILES } from './pending-offenders';
import { listSourceFiles, REPO_ROOT } from './source-files';

const MAX_FILE_LINES = 300;

describe('house rule: no file over 300 lines without a reason', () => {
  const long = listSourceFiles().flatMap(
    (file) => unexplainedLongFile(REPO_ROOT, file, MAX_FILE_LINES) ?? [],
  );
  const report = compareWithPending(
    long.map((found) => found.file),
    PENDING_LONG_FILES,
  );

  it('finds no long file without a `// Long because:` header that no area is splitting', () => {
    const offenders = long
      .filter((found) => report.unlisted.includes(found.file))
      .map((found) => `${found.file} (${found.lines} lines)`);
    expect(offenders, describeOffenders('files over 300 lines with no reason', offenders)).toEqual([]);
  });

  it('allow-lists only files that are still long and unexplained', () => {
    expect(
      report.fixed,
      describeOffenders('fixed already: remove from PENDING_LONG_FILES', report.fixed),
    ).toEqual([]);
  });
});
