import { describe, it, expect } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseXml } from '../../emulator/metadata/xml.js';
import {
  compileFormula,
  FormulaNotSupportedError,
  FormulaReferenceError,
  FormulaSyntaxError,
  FormulaTypeError,
  type FormulaContext,
  type FormulaOptions,
  type FormulaValue,
} from '../../emulator/formula/index.js';

function contextOf(fields: Record<string, FormulaValue>, extra: Partial<FormulaContext> = {}): FormulaContext {
  const lower = new Map(Object.entries(fields).map(([key, value]) => [key.toLowerCase(), value]));
  return {
    get: (path) => lower.get(path.toLowerCase()) ?? null,
    today: () => '2026-11-22',
    ...extra,
  };
}

function run(
  source: string,
  fields: Record<string, FormulaValue> = {},
  options: Partial<FormulaOptions> = {},
  extra: Partial<FormulaContext> = {}
): FormulaValue {
  return compileFormula(source, { returnType: 'Number', ...options }).evaluate(contextOf(fields, extra));
}

describe('formula parser', () => {
  it('follows Salesforce operator precedence', () => {
    expect(run('1 + 2 * 3 ^ 2')).toBe(19);
    expect(run('(1 + 2) * 3')).toBe(9);
    expect(run('-2 ^ 2')).toBe(-4);
    expect(run('10 - 4 - 3')).toBe(3);
    expect(run('1 < 2 && 2 < 3 || false', {}, { returnType: 'Checkbox' })).toBe(true);
  });

  it('accepts comments, both quote styles, escapes and case-insensitive names', () => {
    expect(run("/* label */ upper(\"a\" & 'b\\'c')", {}, { returnType: 'Text' })).toBe("AB'C");
    expect(run('iF(TrUe, 1, 2)')).toBe(1);
  });

  it('rejects malformed formulas with the position', () => {
    expect(() => run('IF(1 > 2, 3')).toThrow(FormulaSyntaxError);
    expect(() => run('1 +')).toThrow(/Unexpected end of formula/);
    expect(() => run('"open')).toThrow(/Unterminated string/);
    expect(() => run('1 # 2')).toThrow(/character 3/);
  });

  it('checks argument counts', () => {
    expect(() => run('IF(true, 1)')).toThrow(FormulaTypeError);
    expect(() => run('CASE(1, 1, 2)')).toThrow(/Incorrect number of parameters for function 'CASE\(\)'/);
  });
});

describe('unsupported constructs are reported, never guessed', () => {
  it.each([
    ['VLOOKUP($ObjectType.X__c.Fields.Name, $ObjectType.X__c.Fields.Id, "a")', 'Function VLOOKUP()'],
    ['HYPERLINK("x", "y")', 'Function HYPERLINK()'],
    ['$Profile.Name = "Admin"', 'Global $Profile.Name'],
    ['$User.Email', 'Global $User.Email'],
  ])('%s', (source, construct) => {
    let caught: unknown;
    try {
      compileFormula(source, { returnType: 'Text' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(FormulaNotSupportedError);
    expect((caught as FormulaNotSupportedError).construct).toBe(construct);
    expect((caught as Error).message).toContain('not evaluable');
  });
});

describe('static types, checked when the formula is saved', () => {
  const schema =
    (types: Record<string, string>) =>
    (path: string): string | undefined =>
      types[path];

  it.each([
    ['"a" * 2', 'Number', "Incorrect parameter type for operator '*'. Expected Number, received Text"],
    ['IF(1, 2, 3)', 'Number', "Incorrect parameter type for function 'IF()'. Expected Checkbox, received Number"],
    ['IF(true, 1, "x")', 'Number', "Incorrect parameter type for function 'IF()'. Expected Number, received Text"],
    ['1 + 2', 'Text', 'Formula result is data type (Number), incompatible with expected data type (Text).'],
    ['TODAY() - TODAY()', 'Date', 'Formula result is data type (Number), incompatible with expected data type (Date).'],
    ['"x" = 1', 'Checkbox', "Incorrect parameter type for operator '='. Expected Text, received Number"],
    ['LEN(5)', 'Number', "Incorrect parameter type for function 'LEN()'. Expected Text, received Number"],
  ])('%s as %s is refused', (source, returnType, message) => {
    expect(() => compileFormula(source, { returnType: returnType as FormulaOptions['returnType'] })).toThrow(
      new FormulaTypeError(message)
    );
  });

  it('uses field types from the schema', () => {
    const fieldType = schema({ Due_On__c: 'Date', Score__c: 'Number', Name: 'Text' });
    expect(() => compileFormula('Due_On__c + 7', { returnType: 'Date', fieldType })).not.toThrow();
    expect(() => compileFormula('Due_On__c - TODAY()', { returnType: 'Number', fieldType })).not.toThrow();
    expect(() => compileFormula('Name & Score__c', { returnType: 'Text', fieldType })).toThrow(
      "Incorrect parameter type for operator '&'. Expected Text, received Number"
    );
    expect(() => compileFormula('Score__c', { returnType: 'Date', fieldType })).toThrow(
      'Formula result is data type (Number), incompatible with expected data type (Date).'
    );
  });
});

describe('field references', () => {
  it('lists every field path once, first spelling wins, without globals', () => {
    const formula = compileFormula(
      'AND(Score__c >= Course__r.Passing_Score__c, score__c > 0, Market__r.OwnerId = $User.Id, $Permission.Glocal_Partner_User)',
      { returnType: 'Checkbox' }
    );
    expect(formula.references).toEqual(['Score__c', 'Course__r.Passing_Score__c', 'Market__r.OwnerId']);
  });

  it('fails compilation for unknown fields when a schema is given', () => {
    const fieldType = (path: string): string | undefined => ({ score__c: 'Number' })[path.toLowerCase()];
    expect(() => compileFormula('Scor__c > 1', { returnType: 'Checkbox', fieldType })).toThrow(FormulaReferenceError);
    expect(() => compileFormula('Scor__c > 1', { returnType: 'Checkbox', fieldType })).toThrow(
      'Field Scor__c does not exist. Check spelling.'
    );
  });

  it('rejects a bare picklist outside ISPICKVAL/TEXT/ISBLANK/CASE like Salesforce', () => {
    const fieldType = (): string => 'Picklist';
    expect(() => compileFormula('Status__c = "Completed"', { returnType: 'Checkbox', fieldType })).toThrow(
      /picklist field/
    );
    const ok = compileFormula('ISPICKVAL(Status__c, "Completed") && TEXT(Status__c) = "Completed"', {
      returnType: 'Checkbox',
      fieldType,
    });
    expect(ok.evaluate(contextOf({ Status__c: 'Completed' }))).toBe(true);
  });

  it('reads Percent fields as fractions and returns Percent results scaled like the API', () => {
    const fieldType = (path: string): string | undefined => (path === 'Rate__c' ? 'Percent' : 'Number');
    const formula = compileFormula('Rate__c * 2', { returnType: 'Percent', fieldType });
    expect(formula.evaluate(contextOf({ Rate__c: 25 }))).toBe(50);
  });

  it('resolves $User.Id and $Permission', () => {
    const ctx = { user: { Id: '005000000000001AAA' }, permissions: new Set(['Glocal_Partner_User']) };
    expect(
      run(
        'Market__r.OwnerId = $User.Id',
        { 'Market__r.OwnerId': '005000000000001AAA' },
        { returnType: 'Checkbox' },
        ctx
      )
    ).toBe(true);
    expect(run('$Permission.Glocal_Partner_User', {}, { returnType: 'Checkbox' }, ctx)).toBe(true);
    expect(run('$Permission.Other', {}, { returnType: 'Checkbox' }, ctx)).toBe(false);
    expect(run('$User.Id', {}, { returnType: 'Text' })).toBeNull();
  });
});

describe('blank handling', () => {
  it('propagates blanks in arithmetic unless blanks are treated as zeroes', () => {
    expect(run('A__c + 1')).toBeNull();
    expect(run('A__c + 1', {}, { treatBlanksAsZero: true })).toBe(1);
    expect(run('A__c * B__c', { A__c: 3 }, { treatBlanksAsZero: true })).toBe(0);
    expect(run('MAX(A__c, 2)')).toBeNull();
    expect(run('MAX(A__c, 2)', {}, { treatBlanksAsZero: true })).toBe(2);
  });

  it('applies treatBlanksAsZero on numeric field reads when the schema is known', () => {
    const fieldType = (): string => 'Number';
    const formula = compileFormula('ISBLANK(A__c)', { returnType: 'Checkbox', treatBlanksAsZero: true, fieldType });
    expect(formula.evaluate(contextOf({}))).toBe(false);
    const asBlanks = compileFormula('ISBLANK(A__c)', { returnType: 'Checkbox', fieldType });
    expect(asBlanks.evaluate(contextOf({}))).toBe(true);
  });

  it('treats blank text as the empty string', () => {
    expect(run('T__c = ""', {}, { returnType: 'Checkbox' })).toBe(true);
    expect(run('"a" & T__c & "b"', {}, { returnType: 'Text' })).toBe('ab');
    expect(run('LEN(T__c)')).toBe(0);
    expect(run('ISBLANK(T__c)', { T__c: '' }, { returnType: 'Checkbox' })).toBe(true);
    expect(run('BLANKVALUE(T__c, "x")', {}, { returnType: 'Text' })).toBe('x');
    expect(run('NULLVALUE(N__c, 7)')).toBe(7);
    expect(run('IF(true, "", "x")', {}, { returnType: 'Text' })).toBeNull();
  });

  it('compares blank numbers as unequal to values and never ordered', () => {
    expect(run('N__c > 5', {}, { returnType: 'Checkbox' })).toBe(false);
    expect(run('N__c < 5', {}, { returnType: 'Checkbox' })).toBe(false);
    expect(run('N__c != 5', {}, { returnType: 'Checkbox' })).toBe(true);
    expect(run('N__c < 5', {}, { returnType: 'Checkbox', treatBlanksAsZero: true })).toBe(true);
  });

  it('returns false, not blank, for Checkbox formulas', () => {
    expect(run('IF(N__c > 1, true, null)', {}, { returnType: 'Checkbox' })).toBe(false);
  });
});

describe('#Error! results', () => {
  it('turns division by zero into null and says why', () => {
    const formula = compileFormula('A__c / B__c', { returnType: 'Percent' });
    const result = formula.evaluateResult(contextOf({ A__c: 1, B__c: 0 }));
    expect(result).toEqual({ value: null, error: 'Division by zero' });
    expect(formula.evaluate(contextOf({ A__c: 1, B__c: 0 }))).toBeNull();
  });

  it('reports invalid VALUE() input and invalid DATE()', () => {
    expect(compileFormula('VALUE("12a")', { returnType: 'Number' }).evaluateResult(contextOf({})).error).toMatch(
      /cannot convert "12a"/
    );
    expect(compileFormula('DATE(2025, 2, 29)', { returnType: 'Date' }).evaluateResult(contextOf({})).error).toMatch(
      /not a valid date/
    );
  });

  it('reports a runtime type mismatch instead of coercing', () => {
    expect(compileFormula('A__c * 2', { returnType: 'Number' }).evaluateResult(contextOf({ A__c: 'a' })).error).toMatch(
      /expects a number/
    );
  });
});

describe('functions', () => {
  it('text functions', () => {
    expect(run('BEGINS(T__c, "DK")', { T__c: 'DK-1' }, { returnType: 'Checkbox' })).toBe(true);
    expect(run('CONTAINS(T__c, "x")', {}, { returnType: 'Checkbox' })).toBe(false);
    expect(run('LOWER("ÆB") & UPPER("ø")', {}, { returnType: 'Text' })).toBe('æbØ');
    expect(run('TEXT(2.50) & "/" & TEXT(3)', {}, { returnType: 'Text' })).toBe('2.5/3');
    expect(run('TEXT(D__c)', { D__c: '2026-01-05' }, { returnType: 'Text' })).toBe('2026-01-05');
    expect(run('VALUE(" 42.5 ")')).toBe(42.5);
  });

  it('REGEX matches the whole text like Java', () => {
    expect(run('REGEX(P__c, "[0-9]{4}-Q[1-4]")', { P__c: '2026-Q3' }, { returnType: 'Checkbox' })).toBe(true);
    expect(run('REGEX(P__c, "[0-9]{4}-Q[1-4]")', { P__c: 'x2026-Q3' }, { returnType: 'Checkbox' })).toBe(false);
    expect(run('REGEX(C__c, "[A-Z]{2}")', { C__c: 'DKK' }, { returnType: 'Checkbox' })).toBe(false);
  });

  it('CASE matches values and falls back to the else value', () => {
    const source = 'CASE(Language__c, "ar", "RTL", "iw", "RTL", "ur", "RTL", "fa", "RTL", "LTR")';
    expect(run(source, { Language__c: 'ar' }, { returnType: 'Text' })).toBe('RTL');
    expect(run(source, { Language__c: 'da' }, { returnType: 'Text' })).toBe('LTR');
    expect(run(source, {}, { returnType: 'Text' })).toBe('LTR');
  });

  it('ROUND rounds half away from zero; MIN/MAX/ABS', () => {
    expect(run('ROUND(2.345, 2)')).toBe(2.35);
    expect(run('ROUND(-2.5, 0)')).toBe(-3);
    expect(run('ROUND(1.005, 2)')).toBe(1.01);
    expect(run('MIN(3, 1, 2) + MAX(3, 9) + ABS(-4)')).toBe(14);
  });

  it('logical functions short-circuit', () => {
    expect(run('IF(N__c > 0, 1 / N__c, 0)', { N__c: 0 })).toBe(0);
    expect(run('AND(false, 1/0 > 1)', {}, { returnType: 'Checkbox' })).toBe(false);
    expect(run('OR(true, 1/0 > 1)', {}, { returnType: 'Checkbox' })).toBe(true);
    expect(run('NOT(!true)', {}, { returnType: 'Checkbox' })).toBe(true);
  });

  it('ISNEW, ISCHANGED and PRIORVALUE use the prior record', () => {
    const prior = (path: string): FormulaValue => (path === 'Status__c' ? 'Draft' : null);
    const formula = compileFormula('ISCHANGED(Status__c) && TEXT(PRIORVALUE(Status__c)) = "Draft"', {
      returnType: 'Checkbox',
    });
    expect(formula.usesPriorValues).toBe(true);
    expect(formula.evaluate(contextOf({ Status__c: 'Submitted' }, { prior }))).toBe(true);
    expect(formula.evaluate(contextOf({ Status__c: 'Draft' }, { prior }))).toBe(false);
    expect(run('ISNEW()', {}, { returnType: 'Checkbox' }, { isNew: true })).toBe(true);
  });
});

describe('dates', () => {
  it('date arithmetic: date − date = days, date ± n = date', () => {
    expect(run('D1__c - D2__c', { D1__c: '2026-03-01', D2__c: '2026-02-01' })).toBe(28);
    expect(run('D__c + 30', { D__c: '2026-11-22' }, { returnType: 'Date' })).toBe('2026-12-22');
    expect(run('D__c - 1', { D__c: '2026-01-01' }, { returnType: 'Date' })).toBe('2025-12-31');
    expect(run('TODAY() - 60', {}, { returnType: 'Date' })).toBe('2026-09-23');
    expect(run('D__c + 1', {}, { returnType: 'Date' })).toBeNull();
  });

  it('ADDMONTHS keeps month ends at month ends and clamps other days', () => {
    expect(run('ADDMONTHS(D__c, 1)', { D__c: '2026-01-31' }, { returnType: 'Date' })).toBe('2026-02-28');
    expect(run('ADDMONTHS(D__c, 1)', { D__c: '2024-02-29' }, { returnType: 'Date' })).toBe('2024-03-31');
    expect(run('ADDMONTHS(D__c, 1)', { D__c: '2026-01-30' }, { returnType: 'Date' })).toBe('2026-02-28');
    expect(run('ADDMONTHS(D__c, 24)', { D__c: '2026-05-15' }, { returnType: 'Date' })).toBe('2028-05-15');
    expect(run('ADDMONTHS(D__c, -13)', { D__c: '2026-05-15' }, { returnType: 'Date' })).toBe('2025-04-15');
    expect(run('ADDMONTHS(D__c, M__c)', { D__c: '2026-05-15' }, { returnType: 'Date' })).toBeNull();
  });

  it('DATE, YEAR, MONTH, DAY and date comparisons', () => {
    expect(run('DATE(2026, 2, 28)', {}, { returnType: 'Date' })).toBe('2026-02-28');
    expect(run('YEAR(D__c) * 10000 + MONTH(D__c) * 100 + DAY(D__c)', { D__c: '2026-07-04' })).toBe(20260704);
    expect(run('D__c > TODAY()', { D__c: '2026-11-23' }, { returnType: 'Checkbox' })).toBe(true);
    expect(run('D__c <= TODAY()', { D__c: '2026-11-23' }, { returnType: 'Checkbox' })).toBe(false);
  });
});

describe('the pack formulas', () => {
  it('Cert_Status__c: Current / Expiring / Expired / blank', () => {
    const source = `IF(ISBLANK(Cert_Expires_On__c), NULL,
      IF(Cert_Expires_On__c < TODAY(), "Expired",
      IF(Cert_Expires_On__c - TODAY() <= 60, "Expiring", "Current")))`;
    expect(run(source, { Cert_Expires_On__c: '2026-11-21' }, { returnType: 'Text' })).toBe('Expired');
    expect(run(source, { Cert_Expires_On__c: '2027-01-21' }, { returnType: 'Text' })).toBe('Expiring');
    expect(run(source, { Cert_Expires_On__c: '2027-01-22' }, { returnType: 'Text' })).toBe('Current');
    expect(run(source, {}, { returnType: 'Text' })).toBeNull();
  });

  it('Cert_Expires_On__c from the parent course', () => {
    const source = 'IF(ISPICKVAL(Result__c, "Pass"), ADDMONTHS(Completed_On__c, Course__r.Recertify_Months__c), NULL)';
    expect(
      run(
        source,
        { Result__c: 'Pass', Completed_On__c: '2026-03-31', 'Course__r.Recertify_Months__c': 12 },
        { returnType: 'Date' }
      )
    ).toBe('2027-03-31');
    expect(run(source, { Result__c: 'Fail' }, { returnType: 'Date' })).toBeNull();
  });

  it('Completion rate as a Percent with a zero denominator', () => {
    const source = 'IF(Training_Records__c > 0, Completed_Trainings__c / Training_Records__c, NULL)';
    expect(run(source, { Training_Records__c: 4, Completed_Trainings__c: 3 }, { returnType: 'Percent' })).toBe(75);
    expect(run(source, { Training_Records__c: 0, Completed_Trainings__c: 0 }, { returnType: 'Percent' })).toBeNull();
  });

  it('Overdue__c and Pass needs the passing score', () => {
    const overdue =
      'AND(NOT(ISBLANK(Due_On__c)), Due_On__c < TODAY(), OR(ISPICKVAL(Status__c, "Assigned"), ISPICKVAL(Status__c, "In Progress")))';
    expect(run(overdue, { Due_On__c: '2026-11-01', Status__c: 'Assigned' }, { returnType: 'Checkbox' })).toBe(true);
    expect(run(overdue, { Due_On__c: '2026-11-01', Status__c: 'Completed' }, { returnType: 'Checkbox' })).toBe(false);
    const passRule = 'ISPICKVAL(Result__c, "Pass") && Score__c < Course__r.Passing_Score__c';
    expect(
      run(passRule, { Result__c: 'Pass', Score__c: 60, 'Course__r.Passing_Score__c': 70 }, { returnType: 'Checkbox' })
    ).toBe(true);
  });

  it('Partner feedback average of the scored dimensions only', () => {
    const dims = ['Communication__c', 'Trust__c', 'Collaboration__c'];
    const count = dims.map((d) => `IF(ISBLANK(${d}), 0, 1)`).join(' + ');
    const sum = dims.map((d) => `BLANKVALUE(${d}, 0)`).join(' + ');
    const source = `IF((${count}) = 0, NULL, (${sum}) / (${count}))`;
    expect(run(source, { Communication__c: 4, Trust__c: 5 })).toBe(4.5);
    expect(run(source, {})).toBeNull();
  });
});

const OBJECTS = join('force-app', 'main', 'default', 'objects');

/** Every formula field and validation rule of the pack, as written in force-app. */
function packFormulas(): Array<{ name: string; source: string; options: FormulaOptions }> {
  const found: Array<{ name: string; source: string; options: FormulaOptions }> = [];
  for (const object of readdirSync(OBJECTS)) {
    const dir = join(OBJECTS, object);
    for (const kind of ['fields', 'validationRules']) {
      let files: string[] = [];
      try {
        files = readdirSync(join(dir, kind));
      } catch {
        continue;
      }
      for (const file of files) {
        const xml = parseXml(readFileSync(join(dir, kind, file), 'utf8'), file);
        const root = (xml.CustomField ?? xml.ValidationRule) as Record<string, string>;
        const source = kind === 'fields' ? root.formula : root.errorConditionFormula;
        if (!source) continue;
        const returnType = (kind === 'fields' ? root.type : 'Checkbox') as FormulaOptions['returnType'];
        found.push({
          name: `${object}.${file.split('.')[0]}`,
          source,
          options: { returnType, treatBlanksAsZero: root.formulaTreatBlanksAs === 'BlankAsZero' },
        });
      }
    }
  }
  return found;
}

describe('the formulas in force-app', () => {
  const formulas = packFormulas();
  const byName = (name: string): { source: string; options: FormulaOptions } => {
    const formula = formulas.find((f) => f.name === name);
    if (!formula) throw new Error(`${name} not found in force-app`);
    return formula;
  };
  const evaluate = (
    name: string,
    fields: Record<string, FormulaValue>,
    extra: Partial<FormulaContext> = {}
  ): FormulaValue => {
    const { source, options } = byName(name);
    return compileFormula(source, options).evaluate(contextOf(fields, extra));
  };

  it('are all inside the subset the local org evaluates', () => {
    expect(formulas.length).toBeGreaterThan(40);
    for (const formula of formulas) {
      expect(() => compileFormula(formula.source, formula.options)).not.toThrow();
    }
  });

  it('Text_Direction__c', () => {
    expect(evaluate('Market__c.Text_Direction__c', { Language__c: 'ar' })).toBe('RTL');
    expect(evaluate('Market__c.Text_Direction__c', { Language__c: 'fa' })).toBe('RTL');
    expect(evaluate('Market__c.Text_Direction__c', { Language__c: 'da' })).toBe('LTR');
  });

  it('Cert_Expires_On__c and Cert_Status__c', () => {
    const fields = { Result__c: 'Pass', Completed_On__c: '2025-12-31', 'Course__r.Recertify_Months__c': 12 };
    expect(evaluate('Training_Record__c.Cert_Expires_On__c', fields)).toBe('2026-12-31');
    expect(
      evaluate('Training_Record__c.Cert_Expires_On__c', { ...fields, 'Course__r.Recertify_Months__c': null })
    ).toBeNull();
    expect(evaluate('Training_Record__c.Cert_Status__c', { Cert_Expires_On__c: '2026-12-31' })).toBe('Expiring');
    expect(evaluate('Training_Record__c.Cert_Status__c', { Cert_Expires_On__c: '2027-06-30' })).toBe('Current');
    expect(evaluate('Training_Record__c.Cert_Status__c', { Cert_Expires_On__c: '2026-01-01' })).toBe('Expired');
    expect(evaluate('Training_Record__c.Cert_Status__c', {})).toBeNull();
  });

  it('Overdue__c and Is_My_Market__c', () => {
    expect(evaluate('Training_Record__c.Overdue__c', { Due_On__c: '2026-11-21', Status__c: 'In Progress' })).toBe(true);
    expect(evaluate('Training_Record__c.Overdue__c', { Due_On__c: '2026-11-22', Status__c: 'In Progress' })).toBe(
      false
    );
    expect(evaluate('Training_Record__c.Overdue__c', { Status__c: 'Assigned' })).toBe(false);
    const me = { user: { Id: '005000000000001AAA' } };
    expect(evaluate('Training_Record__c.Is_My_Market__c', { 'Market__r.OwnerId': '005000000000001AAA' }, me)).toBe(
      true
    );
    expect(evaluate('Training_Record__c.Is_My_Market__c', { 'Market__r.OwnerId': '005000000000002AAA' }, me)).toBe(
      false
    );
  });

  it('Partner feedback Overall__c averages the scored dimensions; NPS__c rounds', () => {
    expect(evaluate('Partner_Feedback__c.Overall__c', { Communication__c: 4, Trust__c: 5, Collaboration__c: 3 })).toBe(
      4
    );
    expect(evaluate('Partner_Feedback__c.Overall__c', {})).toBeNull();
    expect(evaluate('Partner_Review__c.NPS__c', { Respondents__c: 3, Promoters__c: 2, Detractors__c: 0 })).toBe(67);
    expect(evaluate('Partner_Review__c.NPS__c', { Respondents__c: 0 })).toBeNull();
  });
});
