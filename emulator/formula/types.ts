// Static type checking of a formula, as Salesforce does when a formula field or validation rule
// is saved: operand and argument types must fit, and the result must match the return type.
// Fields of unknown type (no schema given) are 'Any' and fit everywhere.
import type { FormulaNode } from './parser.js';

export type StaticType = 'Number' | 'Text' | 'Date' | 'DateTime' | 'Checkbox' | 'Picklist' | 'Any';

export class FormulaStaticTypeError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'FormulaStaticTypeError';
  }
}

/** Salesforce field type (metadata or describe vocabulary) → the formula type it reads as. */
export function staticTypeOfField(fieldType: string | undefined): StaticType {
  switch ((fieldType ?? '').toLowerCase()) {
    case 'number':
    case 'percent':
    case 'currency':
    case 'double':
    case 'int':
    case 'summary':
      return 'Number';
    case 'date':
      return 'Date';
    case 'datetime':
      return 'DateTime';
    case 'checkbox':
    case 'boolean':
      return 'Checkbox';
    case 'picklist':
    case 'multiselectpicklist':
    case 'multipicklist':
      return 'Picklist';
    case '':
      return 'Any';
    default:
      return 'Text';
  }
}

const fits = (actual: StaticType, expected: StaticType): boolean =>
  actual === 'Any' || expected === 'Any' || actual === expected;

function expectType(actual: StaticType, expected: StaticType[], where: string): void {
  if (actual === 'Any' || expected.includes(actual)) return;
  throw new FormulaStaticTypeError(
    `Incorrect parameter type for ${where}. Expected ${expected.join(', ')}, received ${actual}`
  );
}

/** Both branches of IF/CASE/BLANKVALUE must agree; blanks (NULL) take the other side's type. */
function unify(types: StaticType[], where: string): StaticType {
  let result: StaticType = 'Any';
  for (const type of types) {
    if (type === 'Any') continue;
    if (result === 'Any') result = type;
    else if (result !== type) {
      throw new FormulaStaticTypeError(`Incorrect parameter type for ${where}. Expected ${result}, received ${type}`);
    }
  }
  return result;
}

/** The result type of a formula; throws FormulaStaticTypeError where Salesforce would refuse to save it. */
export function inferType(node: FormulaNode, fieldType: (path: string) => StaticType): StaticType {
  const infer = (child: FormulaNode): StaticType => inferType(child, fieldType);
  switch (node.kind) {
    case 'literal':
      if (node.value === null) return 'Any';
      return typeof node.value === 'number' ? 'Number' : typeof node.value === 'boolean' ? 'Checkbox' : 'Text';
    case 'field':
      return fieldType(node.path);
    case 'global':
      return node.path.toUpperCase().startsWith('$PERMISSION.') ? 'Checkbox' : 'Text';
    case 'unary': {
      const operand = infer(node.operand);
      if (node.op === '!') {
        expectType(operand, ['Checkbox'], "operator '!'");
        return 'Checkbox';
      }
      expectType(operand, ['Number'], `operator '${node.op}'`);
      return 'Number';
    }
    case 'binary': {
      const left = infer(node.left);
      const right = infer(node.right);
      const where = `operator '${node.op}'`;
      switch (node.op) {
        case '&&':
        case '||':
          expectType(left, ['Checkbox'], where);
          expectType(right, ['Checkbox'], where);
          return 'Checkbox';
        case '&':
          expectType(left, ['Text'], where);
          expectType(right, ['Text'], where);
          return 'Text';
        case '*':
        case '/':
        case '^':
          expectType(left, ['Number'], where);
          expectType(right, ['Number'], where);
          return 'Number';
        case '+':
          if (left === 'Text' || right === 'Text') {
            expectType(left, ['Text'], where);
            expectType(right, ['Text'], where);
            return 'Text';
          }
          if (left === 'Date' || left === 'DateTime') {
            expectType(right, ['Number'], where);
            return left;
          }
          if (right === 'Date' || right === 'DateTime') {
            expectType(left, ['Number'], where);
            return right;
          }
          expectType(left, ['Number'], where);
          expectType(right, ['Number'], where);
          // a field of unknown type may be a date, and date + number is a date
          return left === 'Any' || right === 'Any' ? 'Any' : 'Number';
        case '-':
          if (left === 'Date' || left === 'DateTime') {
            expectType(right, ['Number', left], where);
            return right === left ? 'Number' : right === 'Any' ? 'Any' : left;
          }
          if (left === 'Any') {
            expectType(right, ['Number', 'Date', 'DateTime'], where);
            return 'Any';
          }
          expectType(left, ['Number'], where);
          expectType(right, ['Number'], where);
          return 'Number';
        default: {
          // comparisons
          if (left === 'Picklist' || right === 'Picklist') {
            throw new FormulaStaticTypeError('Picklist fields are only supported in certain functions.');
          }
          if (!fits(left, right)) {
            throw new FormulaStaticTypeError(
              `Incorrect parameter type for ${where}. Expected ${left}, received ${right}`
            );
          }
          if ((left === 'Checkbox' || right === 'Checkbox') && node.op !== '=' && node.op !== '!=') {
            throw new FormulaStaticTypeError(
              `Incorrect parameter type for ${where}. Expected Number, Text, Date, DateTime, received Checkbox`
            );
          }
          return 'Checkbox';
        }
      }
    }
    case 'call':
      return inferCall(node.name, node.args, infer);
  }
}

function inferCall(name: string, args: FormulaNode[], infer: (node: FormulaNode) => StaticType): StaticType {
  const types = args.map(infer);
  const where = `function '${name}()'`;
  const all = (expected: StaticType[]): void => types.forEach((type) => expectType(type, expected, where));
  switch (name) {
    case 'ISBLANK':
    case 'ISNULL':
    case 'ISCHANGED':
    case 'ISNEW':
      return 'Checkbox';
    case 'ISPICKVAL':
      expectType(types[0], ['Picklist'], where);
      expectType(types[1], ['Text'], where);
      return 'Checkbox';
    case 'TEXT':
      expectType(types[0], ['Number', 'Date', 'DateTime', 'Picklist', 'Text'], where);
      return 'Text';
    case 'AND':
    case 'OR':
    case 'NOT':
      all(['Checkbox']);
      return 'Checkbox';
    case 'IF':
      expectType(types[0], ['Checkbox'], where);
      return unify([types[1], types[2]], where);
    case 'CASE': {
      const subject = types[0] === 'Picklist' ? 'Text' : types[0];
      const results: StaticType[] = [];
      for (let i = 1; i < types.length - 1; i += 2) {
        expectType(types[i], subject === 'Any' ? ['Number', 'Text', 'Date', 'DateTime', 'Checkbox'] : [subject], where);
        results.push(types[i + 1]);
      }
      results.push(types[types.length - 1]);
      return unify(results, where);
    }
    case 'BLANKVALUE':
    case 'NULLVALUE':
      return unify(types, where);
    case 'PRIORVALUE':
      return types[0];
    case 'BEGINS':
    case 'CONTAINS':
    case 'REGEX':
      all(['Text']);
      return 'Checkbox';
    case 'LEN':
      all(['Text']);
      return 'Number';
    case 'UPPER':
    case 'LOWER':
      all(['Text']);
      return 'Text';
    case 'VALUE':
      all(['Text']);
      return 'Number';
    case 'ROUND':
    case 'MIN':
    case 'MAX':
    case 'ABS':
      all(['Number']);
      return 'Number';
    case 'TODAY':
      return 'Date';
    case 'ADDMONTHS':
      expectType(types[0], ['Date', 'DateTime'], where);
      expectType(types[1], ['Number'], where);
      return types[0] === 'Any' ? 'Date' : types[0];
    case 'DATE':
      all(['Number']);
      return 'Date';
    case 'YEAR':
    case 'MONTH':
    case 'DAY':
      expectType(types[0], ['Date', 'DateTime'], where);
      return 'Number';
    default:
      return 'Any';
  }
}

/** The result must fit the field's return type (Percent and Currency are numbers). */
export function checkReturnType(actual: StaticType, returnType: string): void {
  const expected: StaticType =
    returnType === 'Percent' || returnType === 'Currency' ? 'Number' : (returnType as StaticType);
  if (actual === 'Any' || actual === expected) return;
  throw new FormulaStaticTypeError(
    `Formula result is data type (${actual}), incompatible with expected data type (${returnType}).`
  );
}
