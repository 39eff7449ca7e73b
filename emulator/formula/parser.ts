// Tokenizer and recursive-descent parser for Salesforce formula syntax. It builds a small AST;
// deciding which functions the local org can evaluate happens in compile.ts, so the parser
// accepts any function name and only rejects text that is not a formula at all.

export type FormulaNode =
  | { kind: 'literal'; value: string | number | boolean | null }
  | { kind: 'field'; path: string }
  | { kind: 'global'; path: string }
  | { kind: 'call'; name: string; args: FormulaNode[] }
  | { kind: 'unary'; op: '-' | '+' | '!'; operand: FormulaNode }
  | { kind: 'binary'; op: BinaryOperator; left: FormulaNode; right: FormulaNode };

export type BinaryOperator = '+' | '-' | '*' | '/' | '^' | '&' | '=' | '!=' | '<' | '<=' | '>' | '>=' | '&&' | '||';

/** The formula text is not valid Salesforce formula syntax (a real org rejects it too). */
export class FormulaSyntaxError extends Error {
  public constructor(
    message: string,
    public readonly position: number
  ) {
    super(`${message} (at character ${position + 1})`);
    this.name = 'FormulaSyntaxError';
  }
}

type Token =
  | { type: 'number'; value: number; pos: number }
  | { type: 'string'; value: string; pos: number }
  | { type: 'ident'; value: string; pos: number }
  | { type: 'op'; value: string; pos: number }
  | { type: 'end'; pos: number };

const OPERATORS = [
  '&&',
  '||',
  '==',
  '!=',
  '<>',
  '<=',
  '>=',
  '+',
  '-',
  '*',
  '/',
  '^',
  '&',
  '=',
  '<',
  '>',
  '!',
  '(',
  ')',
  ',',
];

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i];
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (source.startsWith('/*', i)) {
      const end = source.indexOf('*/', i + 2);
      if (end < 0) throw new FormulaSyntaxError('Unterminated comment', i);
      i = end + 2;
      continue;
    }
    if (/[0-9]/.test(ch) || (ch === '.' && /[0-9]/.test(source[i + 1] ?? ''))) {
      const match = /^(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)/.exec(source.slice(i))!;
      tokens.push({ type: 'number', value: Number(match[0]), pos: i });
      i += match[0].length;
      continue;
    }
    if (ch === '"' || ch === "'") {
      const start = i;
      let text = '';
      i++;
      for (;;) {
        if (i >= source.length) throw new FormulaSyntaxError('Unterminated string literal', start);
        const c = source[i];
        if (c === '\\') {
          const next = source[i + 1];
          text += next === 'n' ? '\n' : next === 't' ? '\t' : next === 'r' ? '\r' : (next ?? '');
          i += 2;
          continue;
        }
        if (c === ch) {
          i++;
          break;
        }
        text += c;
        i++;
      }
      tokens.push({ type: 'string', value: text, pos: start });
      continue;
    }
    if (/[A-Za-z_$]/.test(ch)) {
      const match = /^[A-Za-z_$][A-Za-z0-9_$]*(?:\.[A-Za-z_$][A-Za-z0-9_$]*)*/.exec(source.slice(i))!;
      tokens.push({ type: 'ident', value: match[0], pos: i });
      i += match[0].length;
      continue;
    }
    const op = OPERATORS.find((candidate) => source.startsWith(candidate, i));
    if (!op) throw new FormulaSyntaxError(`Unexpected character '${ch}'`, i);
    tokens.push({ type: 'op', value: op, pos: i });
    i += op.length;
  }
  tokens.push({ type: 'end', pos: source.length });
  return tokens;
}

/** Precedence follows Salesforce's operator table: ^, unary, * /, + - &, relational, equality, &&, ||. */
export function parseFormula(source: string): FormulaNode {
  const tokens = tokenize(source);
  let index = 0;
  const peek = (): Token => tokens[index];
  const isOp = (...values: string[]): boolean => {
    const token = peek();
    return token.type === 'op' && values.includes(token.value);
  };
  const expectOp = (value: string): void => {
    const token = peek();
    if (token.type !== 'op' || token.value !== value) {
      throw new FormulaSyntaxError(`Expected '${value}'`, token.pos);
    }
    index++;
  };

  const binaryLevel = (operators: string[], next: () => FormulaNode): (() => FormulaNode) => {
    return () => {
      let left = next();
      while (isOp(...operators)) {
        const raw = (tokens[index++] as { value: string }).value;
        const op = (raw === '==' ? '=' : raw === '<>' ? '!=' : raw) as BinaryOperator;
        left = { kind: 'binary', op, left, right: next() };
      }
      return left;
    };
  };

  const primary = (): FormulaNode => {
    const token = peek();
    if (token.type === 'number') {
      index++;
      return { kind: 'literal', value: token.value };
    }
    if (token.type === 'string') {
      index++;
      return { kind: 'literal', value: token.value };
    }
    if (token.type === 'op' && token.value === '(') {
      index++;
      const inner = expression();
      expectOp(')');
      return inner;
    }
    if (token.type === 'ident') {
      index++;
      if (isOp('(')) {
        index++;
        const args: FormulaNode[] = [];
        if (!isOp(')')) {
          args.push(expression());
          while (isOp(',')) {
            index++;
            args.push(expression());
          }
        }
        expectOp(')');
        return { kind: 'call', name: token.value.toUpperCase(), args };
      }
      const upper = token.value.toUpperCase();
      if (upper === 'TRUE') return { kind: 'literal', value: true };
      if (upper === 'FALSE') return { kind: 'literal', value: false };
      if (upper === 'NULL') return { kind: 'literal', value: null };
      if (token.value.startsWith('$')) return { kind: 'global', path: token.value };
      return { kind: 'field', path: token.value };
    }
    if (token.type === 'end') throw new FormulaSyntaxError('Unexpected end of formula', token.pos);
    throw new FormulaSyntaxError(`Unexpected '${token.value}'`, token.pos);
  };

  const power = (): FormulaNode => {
    const base = primary();
    if (isOp('^')) {
      index++;
      return { kind: 'binary', op: '^', left: base, right: unary() };
    }
    return base;
  };
  const unary = (): FormulaNode => {
    if (isOp('-', '+', '!')) {
      const op = (tokens[index++] as { value: string }).value as '-' | '+' | '!';
      return { kind: 'unary', op, operand: unary() };
    }
    return power();
  };
  const multiplicative = binaryLevel(['*', '/'], unary);
  const additive = binaryLevel(['+', '-', '&'], multiplicative);
  const relational = binaryLevel(['<', '<=', '>', '>='], additive);
  const equality = binaryLevel(['=', '==', '!=', '<>'], relational);
  const conjunction = binaryLevel(['&&'], equality);
  const expression = binaryLevel(['||'], conjunction);

  const tree = expression();
  const rest = peek();
  if (rest.type !== 'end') {
    throw new FormulaSyntaxError(
      `Unexpected '${rest.type === 'op' || rest.type === 'ident' ? rest.value : String(rest.value)}'`,
      rest.pos
    );
  }
  return tree;
}
