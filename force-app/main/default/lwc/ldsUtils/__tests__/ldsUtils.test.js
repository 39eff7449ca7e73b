import { reduceErrors } from 'c/ldsUtils';

describe('c/ldsUtils reduceErrors', () => {
  it('reads UI API read errors', () => {
    expect(reduceErrors({ body: [{ message: 'Record not found' }, { message: 'Try again' }] })).toEqual([
      'Record not found',
      'Try again',
    ]);
  });

  it('reads the page and field errors of a refused save, leaving out the generic message', () => {
    const refused = {
      body: {
        message: 'An error occurred while trying to update the record. Please try again.',
        output: {
          errors: [{ errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Score must be from 0 to 100.' }],
          fieldErrors: { Completed_On__c: [{ message: 'Completed On cannot be in the future.' }] },
        },
      },
    };
    expect(reduceErrors(refused)).toEqual(['Score must be from 0 to 100.', 'Completed On cannot be in the future.']);
  });

  it('reads page errors, plain body messages, GraphQL and JavaScript errors', () => {
    expect(
      reduceErrors([
        { body: { pageErrors: [{ message: 'Insufficient access' }] } },
        { body: { message: 'Service unavailable' } },
        { message: 'Field Cert_Status__c is not accessible', locations: [], paths: [] },
        new TypeError('x is undefined'),
        { statusText: 'Bad Gateway' },
        'A plain string',
      ])
    ).toEqual([
      'Insufficient access',
      'Service unavailable',
      'Field Cert_Status__c is not accessible',
      'x is undefined',
      'Bad Gateway',
      'A plain string',
    ]);
  });

  it('drops blanks, nulls and duplicates', () => {
    expect(reduceErrors([null, undefined, { message: 'Same' }, { message: 'Same' }, { message: '  ' }])).toEqual([
      'Same',
    ]);
    expect(reduceErrors(undefined)).toEqual([]);
  });
});
