import { describe, it, expect } from '@jest/globals';
import type { Connection } from '@salesforce/core';
import type { MetadataApiDeploy, MetadataApiDeployStatus } from '@salesforce/source-deploy-retrieve';
import { componentFailures, followDeploy, MIN_POLL_INTERVAL_MS } from '../../src/install/deployPack.js';

/** A deploy whose status calls answer from a script, timed so the polling interval can be checked. */
function scriptedDeploy(statuses: Array<Partial<MetadataApiDeployStatus>>): {
  deploy: MetadataApiDeploy;
  checkedAt: number[];
} {
  const checkedAt: number[] = [];
  const deploy = {
    id: '0Af000000000042AAA',
    checkStatus: async () => {
      checkedAt.push(Date.now());
      return (statuses.shift() ?? { status: 'InProgress' }) as MetadataApiDeployStatus;
    },
  } as unknown as MetadataApiDeploy;
  return { deploy, checkedAt };
}

const connection = {} as Connection;

describe('following a deploy', () => {
  it('returns InProgress with the deploy id when the wait runs out, polling no faster than every 2 s', async () => {
    const { deploy, checkedAt } = scriptedDeploy([
      { status: 'Pending', numberComponentsDeployed: 0, numberComponentsTotal: 0 } as never,
      { status: 'InProgress', numberComponentsDeployed: 10, numberComponentsTotal: 300 } as never,
    ]);
    const started = Date.now();
    // A third poll would come at 6 s, past the wait; 1.9 s of slack keeps a late timer on a busy
    // machine from costing the second one.
    const outcome = await followDeploy(deploy, { connection, waitMs: 5900, pollIntervalMs: 10 });
    expect(outcome).toMatchObject({
      deployId: '0Af000000000042AAA',
      status: 'InProgress',
      componentsDeployed: 10,
      componentsTotal: 300,
    });
    expect(checkedAt.length).toBe(2);
    expect(checkedAt[0] - started).toBeGreaterThanOrEqual(MIN_POLL_INTERVAL_MS - 5);
    expect(checkedAt[1] - checkedAt[0]).toBeGreaterThanOrEqual(MIN_POLL_INTERVAL_MS - 5);
  });

  it('reports a failed deploy with each component failure', async () => {
    const { deploy } = scriptedDeploy([
      {
        status: 'Failed',
        numberComponentsDeployed: 0,
        numberComponentsTotal: 2,
        numberComponentErrors: 1,
        details: {
          componentFailures: {
            componentType: 'CustomObject',
            fullName: 'Market__c',
            fileName: 'objects/Market__c.object',
            problem: 'entity is locked',
            problemType: 'Error',
          },
        },
      } as never,
    ]);
    const outcome = await followDeploy(deploy, { connection, waitMs: 60_000 });
    expect(outcome.status).toBe('Failed');
    expect(outcome.failures).toEqual([
      {
        type: 'CustomObject',
        fullName: 'Market__c',
        fileName: 'objects/Market__c.object',
        problem: 'entity is locked',
        problemType: 'Error',
      },
    ]);
  });

  it('reads component failures given as a list', () => {
    const failures = componentFailures({
      details: {
        componentFailures: [
          { componentType: 'CustomField', fullName: 'A__c.B__c', problem: 'x' },
          { componentType: 'Layout', fullName: 'A__c-A', problem: 'y' },
        ],
      },
    } as never);
    expect(failures.map((failure) => failure.fullName)).toEqual(['A__c.B__c', 'A__c-A']);
  });
});
