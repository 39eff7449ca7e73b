// Identity and org-level endpoints the sf CLI calls while logging in and afterwards.
import type { Router } from '../http/router.js';
import type { OrgContext } from '../types.js';

export const SUPPORTED_VERSIONS = ['56.0', '57.0', '58.0', '59.0', '60.0', '61.0', '62.0'];

export function versionsUpTo(latest: string): string[] {
  const max = Number(latest);
  return SUPPORTED_VERSIONS.filter((v) => Number(v) <= max).concat(SUPPORTED_VERSIONS.includes(latest) ? [] : [latest]);
}

export function registerIdentityRoutes(router: Router<OrgContext>): void {
  const userinfo = ({ org }: { org: OrgContext }) => {
    const user = org.store.table('User').rows.get(org.userId);
    return {
      status: 200,
      body: {
        sub: `${org.instanceUrl}/id/${org.orgId}/${org.userId}`,
        user_id: org.userId,
        organization_id: org.orgId,
        preferred_username: org.username,
        nickname: user?.CommunityNickname ?? 'admin',
        name: `${String(user?.FirstName ?? '')} ${String(user?.LastName ?? '')}`.trim(),
        email: user?.Email ?? org.username,
        email_verified: true,
        given_name: user?.FirstName ?? null,
        family_name: user?.LastName ?? null,
        zoneinfo: user?.TimeZoneSidKey ?? 'Europe/Copenhagen',
        locale: user?.LocaleSidKey ?? 'en_US',
        language: user?.LanguageLocaleKey ?? 'en_US',
        active: true,
        user_type: 'STANDARD',
        is_app_installed: true,
        urls: {
          rest: `${org.instanceUrl}/services/data/v{version}/`,
          sobjects: `${org.instanceUrl}/services/data/v{version}/sobjects/`,
          query: `${org.instanceUrl}/services/data/v{version}/query/`,
          metadata: `${org.instanceUrl}/services/Soap/m/{version}/${org.orgId}`,
          custom_domain: org.instanceUrl,
        },
        updated_at: new Date().toISOString(),
      },
    };
  };
  router.add('GET', '/services/oauth2/userinfo', userinfo);
  // the identity URL (the `sub` above), which jsforce's identity() reads
  router.add('GET', '/id/:orgId/:userId', (req) => {
    const reply = userinfo(req);
    const body = reply.body as Record<string, unknown>;
    return { status: 200, body: { ...body, id: body.sub, username: req.org.username, organization_id: req.org.orgId } };
  });

  // `sf org logout` may revoke its token; the local org keeps its single shared session alive
  // (every test and CLI process uses the same token) and just acknowledges.
  router.add('POST', '/services/oauth2/revoke', () => ({ status: 200 }));

  router.add('GET', '/services/data', ({ org }) => ({
    status: 200,
    body: versionsUpTo(org.apiVersion).map((version) => ({
      label: `Local ${version}`,
      url: `/services/data/v${version}`,
      version,
    })),
  }));

  router.add('GET', '/services/data/:version', ({ params }) => {
    const base = `/services/data/v${params.version}`;
    const names = ['sobjects', 'query', 'queryAll', 'composite', 'limits', 'tooling', 'jobs', 'metadata', 'search'];
    return { status: 200, body: Object.fromEntries(names.map((n) => [n, `${base}/${n}`])) };
  });

  router.add('GET', '/services/data/:version/limits', ({ org }) => {
    const limit = (max: number, used = 0): { Max: number; Remaining: number } => ({ Max: max, Remaining: max - used });
    return {
      status: 200,
      body: {
        DailyApiRequests: limit(org.limits.max, org.limits.used),
        DailyBulkV2QueryJobs: limit(10000),
        DailyBulkV2QueryFileStorageMB: limit(976562),
        DailyBulkApiBatches: limit(15000),
        DataStorageMB: limit(1024),
        FileStorageMB: limit(1024),
        SingleEmail: limit(15),
        DailyAsyncApexExecutions: limit(250000),
        ConcurrentAsyncGetReportInstances: limit(200),
      },
    };
  });
}
