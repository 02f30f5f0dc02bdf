// The text of the file a command is given with -f: a path, or - for stdin.
import { readFileSync } from 'node:fs';
import { CliError } from './errors';
import { readStdin } from './prompt';

export function readSource(file: string): Promise<string> | string {
  if (file === '-') return readStdin();
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(
      `Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`,
    );
  }
}
