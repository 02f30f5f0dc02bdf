// How `drover` writes: data on stdout (a table for people, or `-o json|yaml` for programs),
// everything meant for a person (progress, diffs, notices, errors) on stderr. Colour only when
// the stream is a terminal and NO_COLOR is unset (no-color.org); a spinner only on a terminal.

export const OUTPUT_FORMATS = ['table', 'json', 'yaml'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** Environment variables, as process.env holds them. */
export type Env = Record<string, string | undefined>;

export interface Stream {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface Io {
  stdout: Stream;
  stderr: Stream;
  env: Env;
}

export function processIo(): Io {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env };
}

/** NO_COLOR counts when present and not empty; TERM=dumb cannot show colour either. */
export function colourEnabled(stream: Stream, env: Env): boolean {
  return Boolean(stream.isTTY) && !env.NO_COLOR && env.TERM !== 'dumb';
}

export interface Palette {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
}

const sgr = (open: number, close: number) => (text: string) => `\x1b[${open}m${text}\x1b[${close}m`;
const plain = (text: string) => text;

export function palette(enabled: boolean): Palette {
  if (!enabled) return { bold: plain, dim: plain, red: plain, green: plain, yellow: plain, cyan: plain };
  return {
    bold: sgr(1, 22),
    dim: sgr(2, 22),
    red: sgr(31, 39),
    green: sgr(32, 39),
    yellow: sgr(33, 39),
    cyan: sgr(36, 39),
  };
}

/** Colours a farm or server status, or a convergence, by how well things are going. */
export function statusColour(p: Palette, status: string): string {
  if (/^(Running|converged)$/.test(status)) return p.green(status);
  if (/^(Failed|degraded)$/.test(status)) return p.red(status);
  if (/^(Terminated|Never launched|Suspended|stopped)$/.test(status)) return p.dim(status);
  return p.yellow(status);
}

export interface Column<T> {
  header: string;
  value(row: T): string;
  /** Applied after padding is measured, so escape codes never shift the columns. */
  paint?(text: string, p: Palette): string;
}

/** Aligned columns separated by two spaces, an upper-case header, no trailing spaces. */
export function renderTable<T>(columns: Column<T>[], rows: T[], p: Palette): string {
  const cells = rows.map((row) => columns.map((c) => c.value(row)));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((r) => r[i]!.length)));
  const line = (values: string[], paint: (text: string, i: number) => string) =>
    values
      .map((v, i) => {
        const padded = i === values.length - 1 ? v : v.padEnd(widths[i]!);
        return paint(padded, i);
      })
      .join('  ')
      .trimEnd();
  const header = line(
    columns.map((c) => c.header.toUpperCase()),
    (text) => p.bold(text),
  );
  const body = cells.map((values) =>
    line(values, (text, i) => {
      const paint = columns[i]!.paint;
      if (!paint) return text;
      const trimmed = text.trimEnd();
      return paint(trimmed, p) + text.slice(trimmed.length);
    }),
  );
  return `${[header, ...body].join('\n')}\n`;
}

/** A listing: JSON/YAML of the items, or the table; an empty table is a notice on stderr instead. */
export function printList<T>(io: Io, format: OutputFormat, items: T[], columns: Column<T>[], empty: string) {
  if (format === 'table' && items.length === 0) {
    notice(io, empty);
    return Promise.resolve();
  }
  return printData(io, format, items, (p) => renderTable(columns, items, p));
}

/** Writes `data` as the format asks: JSON or YAML for programs, the table for people. */
export async function printData(
  io: Io,
  format: OutputFormat,
  data: unknown,
  table: (p: Palette) => string,
): Promise<void> {
  if (format === 'json') io.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
  else if (format === 'yaml') {
    const { stringify } = await import('yaml');
    io.stdout.write(stringify(data));
  } else io.stdout.write(table(palette(colourEnabled(io.stdout, io.env))));
}

/** A message for the person on stderr. */
export function notice(io: Io, text: string): void {
  io.stderr.write(`${text}\n`);
}

export interface Progress {
  /** Shows the current state; without a terminal, a line is written only when it changed. */
  update(text: string): void;
  /** Ends the progress display, leaving `text` as the last line. */
  done(text?: string): void;
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export function progress(io: Io): Progress {
  const tty = Boolean(io.stderr.isTTY);
  let last = '';
  let frame = 0;
  let timer: NodeJS.Timeout | undefined;
  const draw = () => {
    io.stderr.write(`\r\x1b[K${FRAMES[frame++ % FRAMES.length]} ${last}`);
  };
  return {
    update(text) {
      if (tty) {
        last = text;
        draw();
        timer ??= setInterval(draw, 100).unref();
      } else if (text !== last) {
        last = text;
        io.stderr.write(`${text}\n`);
      }
    },
    done(text) {
      if (timer) clearInterval(timer);
      timer = undefined;
      if (tty && last) io.stderr.write('\r\x1b[K');
      if (tty) last = '';
      if (text !== undefined && (tty || text !== last)) io.stderr.write(`${text}\n`);
    },
  };
}
