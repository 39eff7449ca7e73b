// Runs as a da user: labels from translations/da.translation-meta.xml, da locale and direction.
import '../../../../../test/l10n/da';
import { createElement } from '@lwc/engine-dom';
import InternalFeedbackSummary from 'c/internalFeedbackSummary';
import { graphql } from 'lightning/graphql';
import { getRecord } from 'lightning/uiRecordApi';
import { getObjectInfo } from 'lightning/uiObjectInfoApi';
import { labelsFor } from '../../../../../test/l10n/glocalLocale';

const mockUnit = require('./data/unitItServiceDesk.json');
const mockAverages = require('./data/itServiceDeskAverages.json');
const mockObjectInfo = require('./data/internalFeedbackObjectInfo.json');
const LABELS = labelsFor('da');

describe('c-internal-feedback-summary for a da user', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
  });

  async function renderSummary() {
    const element = createElement('c-internal-feedback-summary', { is: InternalFeedbackSummary });
    element.recordId = mockUnit.id;
    document.body.appendChild(element);
    await Promise.resolve();
    getRecord.emit(mockUnit);
    getObjectInfo.emit(mockObjectInfo);
    graphql.emit(mockAverages, (config) => config.operationName === 'GlocalInternalAverages');
    await Promise.resolve();
    return element;
  }

  it('shows the labels of the translation file with da numbers', async () => {
    const element = await renderSummary();
    expect(element.shadowRoot.querySelector('lightning-card').title).toBe('Intern kundetilfredshed');
    expect(element.shadowRoot.querySelector('.csat__value').textContent).toBe('79,2 %');
    expect(element.shadowRoot.querySelector('.satisfied-count').textContent).toBe('19 af 24 besvarelser tilfredse');
    expect(element.shadowRoot.querySelector('.weakest').textContent).toBe(
      'Svageste dimension: Cultural Understanding (3,2)'
    );
    expect(element.shadowRoot.querySelector('c-svg-chart').caption).toBe(LABELS.get('Glocal_Internal_Chart_Caption'));
    expect(element.shadowRoot.textContent).not.toMatch(/c\.Glocal_/);
  });

  it('lays the summary out ltr', async () => {
    const element = await renderSummary();
    expect(element.shadowRoot.querySelector('.summary').getAttribute('dir')).toBe('ltr');
  });
});
