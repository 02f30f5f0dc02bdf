// The CLI contract in small: colour only on a terminal without NO_COLOR, a spinner only on a
// terminal, aligned tables, and errors rendered for a person with their exit codes.
import { describe, expect, it } from 'vitest';
import { ApiError, CliError, invalidInput, renderError } from '../../cli/errors';
import { ExitCode } from '../../cli/exit-codes';
import { colourEnabled, palette, progress, renderTable, type Stream, statusColour } from '../../cli/output';

const stream = (isTTY: boolean) => {
  const written: string[] = [];
  return { isTTY, write: (t: string) => written.push(t), written } satisfies Stream & { written: string[] };
};

describe('colour', () => {
  it.each([
    ['a terminal', true, {}, true],
    ['a terminal with NO_COLOR=1', true, { NO_COLOR: '1' }, false],
    ['a terminal with an empty NO_COLOR (does not count)', true, { NO_COLOR: '' }, true],
    ['a dumb terminal', true, { TERM: 'dumb' }, false],
    ['a pipe', false, {}, false],
  ])('on %s: %s', (_why, tty, env, expected) => {
    expect(colourEnabled(stream(tty), env)).toBe(expected);
  });
});

describe('renderTable', () => {
  const rows = [
    { name: 'web', status: 'Running' },
    { name: 'database', status: 'Failed' },
  ];
  const columns = [
    { header: 'name', value: (r: (typeof rows)[number]) => r.name },
    {
      header: 'status',
      value: (r: (typeof rows)[number]) => r.status,
      paint: (t: string, p: ReturnType<typeof palette>) => statusColour(p, t),
    },
    { header: 'x', value: () => '1' },
  ];

  it('aligns columns with two spaces and no trailing blanks', () => {
    expect(renderTable(columns, rows, palette(false))).toBe(
      ['NAME      STATUS   X', 'web       Running  1', 'database  Failed   1', ''].join('\n'),
    );
  });

  it('keeps the alignment when colours are on', () => {
    const coloured = renderTable(columns, rows, palette(true));
    expect(coloured).toContain('\x1b[32mRunning\x1b[39m  1');
    expect(coloured.replaceAll(new RegExp(`${String.fromCharCode(27)}\\[\\d+m`, 'g'), '')).toBe(
      renderTable(columns, rows, palette(false)),
    );
  });
});

describe('progress', () => {
  it('writes a line only when it changes, without a terminal', () => {
    const err = stream(false);
    const show = progress({ stdout: stream(false), stderr: err, env: {} });
    show.update('a');
    show.update('a');
    show.update('b');
    show.done('b');
    expect(err.written).toEqual(['a\n', 'b\n']);
  });

  it('redraws one line with a spinner on a terminal, and clears it at the end', () => {
    const err = stream(true);
    const show = progress({ stdout: stream(true), stderr: err, env: {} });
    show.update('launching');
    show.update('launching');
    show.done('done');
    expect(err.written.slice(0, 2).every((t) => t.startsWith('\r\x1b[K') && t.endsWith(' launching'))).toBe(
      true,
    );
    expect(err.written.slice(-2)).toEqual(['\r\x1b[K', 'done\n']);
  });
});

describe('errors', () => {
  it('renders the detail, then each field issue at its path', () => {
    const text = renderError(
      new ApiError(422, {
        type: 'about:blank',
        title: 'Unprocessable',
        status: 422,
        code: 'Unprocessable',
        detail: 'The farm does not fit',
        issues: [
          { in: 'body', path: 'farmRoles.0.maxInstances', message: 'must be at most 1000' },
          { in: 'query', path: 'cursor', message: 'not ours' },
        ],
      }),
    );
    expect(text).toBe(
      [
        'Error: The farm does not fit',
        '  farmRoles.0.maxInstances: must be at most 1000',
        '  query cursor: not ours',
        '',
      ].join('\n'),
    );
  });

  it.each([
    [401, ExitCode.Auth],
    [403, ExitCode.Auth],
    [404, ExitCode.Error],
    [409, ExitCode.Error],
    [412, ExitCode.Error],
    [422, ExitCode.Error],
    [500, ExitCode.Error],
  ])('maps HTTP %i to exit %i', (status, code) => {
    const problem = { type: 'about:blank', title: 't', status, code: 'X', detail: 'd' };
    expect(new ApiError(status, problem).exitCode).toBe(code);
  });

  it('says "not found" for a 404 whose detail does not', () => {
    const problem = {
      type: 'about:blank',
      title: 'Not found',
      status: 404,
      code: 'NotFound',
      detail: 'No farm-x',
    };
    expect(new ApiError(404, problem).message).toBe('Not found: No farm-x');
  });

  it('gives CLI-side errors a problem too, for -o json', () => {
    expect(new CliError('stuck', { exitCode: ExitCode.Pending }).problem).toMatchObject({
      code: 'StillPending',
      detail: 'stuck',
    });
    expect(
      invalidInput('bad file', [{ in: 'file', path: 'kind', message: 'must be Farm' }]).problem,
    ).toMatchObject({
      status: 400,
      issues: [{ path: 'kind' }],
    });
  });
});
