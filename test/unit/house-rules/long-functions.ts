// Finds functions (declarations, expressions, arrows, methods, accessors, constructors) whose body
// spans more than a limit of lines, with the TypeScript parser alone (no type checking, so the
// whole tree parses in about a second).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export interface LongFunction {
  /** `file#Outer.inner`: stable while lines move, so an allow-list entry survives edits above it. */
  key: string;
  file: string;
  line: number;
  lines: number;
}

type FunctionNode = ts.FunctionLikeDeclaration & { body: ts.ConciseBody };

function isFunctionWithBody(node: ts.Node): node is FunctionNode {
  return (
    (ts.isFunctionDeclaration(node) ||
      ts.isFunctionExpression(node) ||
      ts.isArrowFunction(node) ||
      ts.isMethodDeclaration(node) ||
      ts.isConstructorDeclaration(node) ||
      ts.isGetAccessorDeclaration(node) ||
      ts.isSetAccessorDeclaration(node)) &&
    node.body !== undefined
  );
}

// The name a reader would search for: the function's own, else what it is assigned to or passed
// as (`const Page = () => …`, `{ onSubmit: () => … }`, `useEffect(() => …)`).
function nameOf(node: FunctionNode): string {
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  if (node.name && !ts.isComputedPropertyName(node.name)) return node.name.getText();
  const parent = node.parent;
  if (
    ts.isVariableDeclaration(parent) ||
    ts.isPropertyAssignment(parent) ||
    ts.isPropertyDeclaration(parent)
  ) {
    return parent.name.getText();
  }
  if (ts.isCallExpression(parent)) return `${parent.expression.getText().slice(0, 40)}(callback)`;
  if (ts.isExportAssignment(parent)) return 'default';
  return '(anonymous)';
}

function ownerName(node: ts.Node): string | undefined {
  if (ts.isClassLike(node)) return node.name?.getText() ?? '(class)';
  return undefined;
}

function bodyLines(sourceFile: ts.SourceFile, body: ts.Node): { first: number; lines: number } {
  const first = sourceFile.getLineAndCharacterOfPosition(body.getStart(sourceFile)).line;
  const last = sourceFile.getLineAndCharacterOfPosition(body.getEnd()).line;
  return { first: first + 1, lines: last - first + 1 };
}

/** Every function in one file whose body (from its opening to its closing line) exceeds `limit`. */
export function longFunctionsIn(root: string, file: string, limit: number): LongFunction[] {
  const text = readFileSync(path.join(root, file), 'utf8');
  const kind = file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const sourceFile = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  const found: LongFunction[] = [];
  const visit = (node: ts.Node, scope: readonly string[]): void => {
    let inner = scope;
    const owner = ownerName(node);
    if (owner) inner = [...scope, owner];
    if (isFunctionWithBody(node)) {
      inner = [...scope, nameOf(node)];
      const { first, lines } = bodyLines(sourceFile, node.body);
      if (lines > limit) found.push({ key: `${file}#${inner.join('.')}`, file, line: first, lines });
    }
    ts.forEachChild(node, (child) => visit(child, inner));
  };
  visit(sourceFile, []);
  return found;
}
