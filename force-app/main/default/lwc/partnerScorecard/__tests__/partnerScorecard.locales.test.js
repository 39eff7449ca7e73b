// Runs as a da, zh_CN and ar user: labels from translations/<lang>.translation-meta.xml, the
// user's locale for numbers and the user's text direction.
import { createElement } from '@lwc/engine-dom';
import { loadAsUser } from '../../../../../test/l10n/glocalLocale';

const mockReview = require('./data/reviewAcme2026Q3.json');
const mockByDirection = require('./data/feedbackByDirection.json');
const mockTrend = require('./data/acmeTrend.json');
const mockReviewInfo = require('./data/partnerReviewObjectInfo.json');
const mockFeedbackInfo = require('./data/partnerFeedbackObjectInfo.json');

// What each user reads, written out so a wrong translation or number format fails here;
// the Arabic signed numbers start with an Arabic letter mark (\u061c)
const USERS = [
  {
    language: 'da',
    dir: 'ltr',
    title: 'Partnerscorekort',
    nps: '+40',
    gap: '+0,45',
    received: '4,25',
    communicationGap: '+0,58',
    respondents: 'NPS baseret på 10 besvarelser',
  },
  {
    language: 'zh_CN',
    dir: 'ltr',
    title: '合作伙伴记分卡',
    nps: '+40',
    gap: '+0.45',
    received: '4.25',
    communicationGap: '+0.58',
    respondents: '净推荐值基于 10 位受访者',
  },
  {
    language: 'ar',
    dir: 'rtl',
    title: 'بطاقة أداء الشريك',
    nps: '\u061c+٤٠',
    gap: '\u061c+٠٫٤٥',
    received: '٤٫٢٥',
    communicationGap: '\u061c+٠٫٥٨',
    respondents: 'صافي نقاط الترويج مبني على ١٠ من المستجيبين',
  },
];

describe.each(USERS)('c-partner-scorecard for a $language user', (expected) => {
  const { PartnerScorecard, graphql, getRecord, getObjectInfo, labels } = loadAsUser(expected.language, () => ({
    PartnerScorecard: require('c/partnerScorecard').default,
    graphql: require('lightning/graphql').graphql,
    getRecord: require('lightning/uiRecordApi').getRecord,
    getObjectInfo: require('lightning/uiObjectInfoApi').getObjectInfo,
  }));

  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
  });

  async function renderScorecard() {
    const element = createElement('c-partner-scorecard', { is: PartnerScorecard });
    element.recordId = mockReview.id;
    document.body.appendChild(element);
    await Promise.resolve();
    getObjectInfo.emit(mockReviewInfo, (config) => config.objectApiName.objectApiName === 'Partner_Review__c');
    getObjectInfo.emit(mockFeedbackInfo, (config) => config.objectApiName.objectApiName === 'Partner_Feedback__c');
    getRecord.emit(mockReview);
    graphql.emit(mockByDirection, (config) => config.operationName === 'GlocalScorecardByDirection');
    await Promise.resolve();
    graphql.emit(mockTrend, (config) => config.operationName === 'GlocalScorecardTrend');
    await Promise.resolve();
    return element;
  }

  it('shows the labels of the translation file', async () => {
    const element = await renderScorecard();
    expect(element.shadowRoot.querySelector('lightning-card').title).toBe(expected.title);
    const headers = Array.from(element.shadowRoot.querySelectorAll('table.dimensions thead th')).map(
      (th) => th.textContent
    );
    expect(headers.slice(0, 3)).toEqual([
      labels.get('Glocal_Scorecard_Dimension'),
      labels.get('Glocal_Scorecard_We_Said'),
      labels.get('Glocal_Scorecard_They_Said'),
    ]);
    expect(element.shadowRoot.querySelector('c-svg-chart.trend-chart').caption).toBe(
      labels.get('Glocal_Scorecard_Trend_Caption')
    );
    expect(element.shadowRoot.textContent).not.toMatch(/c\.Glocal_/);
  });

  it(`writes NPS, averages and gaps the ${expected.language} way`, async () => {
    const element = await renderScorecard();
    expect(element.shadowRoot.querySelector('[data-kpi="nps"]').textContent).toBe(expected.nps);
    expect(element.shadowRoot.querySelector('[data-kpi="gap"]').textContent).toBe(expected.gap);
    expect(element.shadowRoot.querySelector('[data-kpi="received"]').textContent).toBe(expected.received);
    expect(element.shadowRoot.querySelector('tr[data-dimension="Communication__c"] .gap').textContent).toBe(
      expected.communicationGap
    );
    expect(element.shadowRoot.querySelector('.respondents').textContent.trim()).toBe(expected.respondents);
  });

  it(`lays the scorecard out ${expected.dir}`, async () => {
    const element = await renderScorecard();
    expect(element.shadowRoot.querySelector('.scorecard').getAttribute('dir')).toBe(expected.dir);
  });

  if (expected.dir === 'rtl') {
    it('is accessible right to left', async () => {
      const element = await renderScorecard();
      await expect(element).toBeAccessible();
    });
  }
});
