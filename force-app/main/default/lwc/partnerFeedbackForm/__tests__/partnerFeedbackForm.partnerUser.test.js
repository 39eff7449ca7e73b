// As a partner user (custom permission Glocal_Partner_User): feedback only about the company.
import { createElement } from '@lwc/engine-dom';
import PartnerFeedbackForm from 'c/partnerFeedbackForm';
import { createRecord } from 'lightning/uiRecordApi';
import { getObjectInfo, getPicklistValues } from 'lightning/uiObjectInfoApi';

jest.mock('@salesforce/customPermission/Glocal_Partner_User', () => ({ default: true }), { virtual: true });

const mockObjectInfo = require('./data/partnerFeedbackObjectInfo.json');
const mockDirections = require('./data/directionPicklistValues.json');

describe('c-partner-feedback-form for a partner user', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
  });

  it('offers only Partner → Company, chosen already, and sends it', async () => {
    const element = createElement('c-partner-feedback-form', { is: PartnerFeedbackForm });
    element.recordId = 'a05000000000001AAA';
    document.body.appendChild(element);
    getObjectInfo.emit(mockObjectInfo);
    await Promise.resolve();
    getPicklistValues.emit(mockDirections);
    await Promise.resolve();
    const direction = element.shadowRoot.querySelector('lightning-radio-group.direction');
    expect(direction.options).toEqual([{ label: 'Partner → Company', value: 'Partner to Company' }]);
    expect(direction.value).toBe('Partner to Company');
    for (const name of ['Communication__c', 'Trust__c', 'Collaboration__c']) {
      element.shadowRoot
        .querySelector('c-feedback-scores')
        .shadowRoot.querySelector(`c-rating-input[data-name="${name}"]`)
        .dispatchEvent(new CustomEvent('change', { detail: { name, value: 4 } }));
    }
    element.shadowRoot.querySelector('button.submit').click();
    await Promise.resolve();
    expect(createRecord.mock.calls[0][0].fields.Direction__c).toBe('Partner to Company');
  });
});
