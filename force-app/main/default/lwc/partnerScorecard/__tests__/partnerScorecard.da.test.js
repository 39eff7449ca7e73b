// Runs as a da user: labels from translations/da.translation-meta.xml, da locale and direction.
import '../../../../../test/l10n/da';
import { createElement } from '@lwc/engine-dom';
import PartnerScorecard from 'c/partnerScorecard';
import { graphql } from 'lightning/graphql';
import { getRecord } from 'lightning/uiRecordApi';
import { getObjectInfo } from 'lightning/uiObjectInfoApi';
import { labelsFor } from '../../../../../test/l10n/glocalLocale';

const mockReview = require('./data/reviewAcme2026Q3.json');
const mockByDirection = require('./data/feedbackByDirection.json');
const mockTrend = require('./data/acmeTrend.json');
const mockReviewInfo = require('./data/partnerReviewObjectInfo.json');
const mockFeedbackInfo = require('./data/partnerFeedbackObjectInfo.json');
const LABELS = labelsFor('da');

describe('c-partner-scorecard for a da user', () => {
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
    expect(element.shadowRoot.querySelector('lightning-card').title).toBe('Partnerscorekort');
    const headers = Array.from(element.shadowRoot.querySelectorAll('table.dimensions thead th')).map(
      (th) => th.textContent
    );
    expect(headers.slice(0, 3)).toEqual([
      LABELS.get('Glocal_Scorecard_Dimension'),
      LABELS.get('Glocal_Scorecard_We_Said'),
      LABELS.get('Glocal_Scorecard_They_Said'),
    ]);
    expect(element.shadowRoot.querySelector('c-svg-chart.trend-chart').caption).toBe(
      LABELS.get('Glocal_Scorecard_Trend_Caption')
    );
    expect(element.shadowRoot.textContent).not.toMatch(/c\.Glocal_/);
  });

  it('writes NPS, averages and gaps the da way', async () => {
    const element = await renderScorecard();
    expect(element.shadowRoot.querySelector('[data-kpi="nps"]').textContent).toBe('+40');
    expect(element.shadowRoot.querySelector('[data-kpi="gap"]').textContent).toBe('+0,45');
    expect(element.shadowRoot.querySelector('[data-kpi="received"]').textContent).toBe('4,25');
    expect(element.shadowRoot.querySelector('tr[data-dimension="Communication__c"] .gap').textContent).toBe('+0,58');
    expect(element.shadowRoot.querySelector('.respondents').textContent.trim()).toBe('NPS baseret på 10 besvarelser');
  });

  it('lays the scorecard out ltr', async () => {
    const element = await renderScorecard();
    expect(element.shadowRoot.querySelector('.scorecard').getAttribute('dir')).toBe('ltr');
  });
});
