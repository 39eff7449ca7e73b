/* What a report needs from the org: SOQL, nothing else (tests hand in a fake that answers by query). */
import type { OrgClient } from '../org/orgClient.js';

export type ReportOrg = Pick<OrgClient, 'query'>;
