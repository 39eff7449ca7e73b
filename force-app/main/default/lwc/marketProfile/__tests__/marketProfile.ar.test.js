// Runs as a ar user: labels from translations/ar.translation-meta.xml, ar locale and direction.
import '../../../../../test/l10n/ar';
import { createElement } from '@lwc/engine-dom';
import MarketProfile from 'c/marketProfile';
import { getRecord } from 'lightning/uiRecordApi';
import { getObjectInfo } from 'lightning/uiObjectInfoApi';
import { labelsFor } from '../../../../../test/l10n/glocalLocale';

const mockDenmark = require('./data/marketDenmark.json');
const mockNoCulture = require('./data/marketSaudiArabiaNoCulture.json');
const mockObjectInfo = require('./data/marketObjectInfo.json');
const mockAccountInfo = require('./data/accountObjectInfo.json');
const mockAccountInfoWithoutLookup = require('./data/accountObjectInfoWithoutMarketLookup.json');
const mockAccount = require('./data/accountNordicRetail.json');
const mockAccountWithoutMarket = require('./data/accountWithoutMarket.json');
const LABELS = labelsFor('ar');

describe('c-market-profile for a ar user', () => {
  beforeEach(() => {
    jest.spyOn(Date, 'now').mockReturnValue(Date.UTC(2026, 10, 22, 10, 30));
  });

  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.restoreAllMocks();
  });

  async function renderWith(record) {
    const element = createElement('c-market-profile', { is: MarketProfile });
    element.recordId = record.id;
    document.body.appendChild(element);
    getRecord.emit(record);
    getObjectInfo.emit(mockObjectInfo);
    await Promise.resolve();
    return element;
  }

  it('shows the labels of the translation file', async () => {
    const element = await renderWith(mockDenmark);
    expect(element.shadowRoot.querySelector('lightning-card').title).toBe('ملف السوق');
    expect(
      element.shadowRoot.querySelector('#local-formats-heading, [id^="local-formats-heading"]').textContent.trim()
    ).toBe(LABELS.get('Glocal_Market_Local_Formats'));
    expect(element.shadowRoot.querySelector('c-svg-chart.hofstede').caption).toBe(
      LABELS.get('Glocal_Market_Hofstede_Caption')
    );
    // No label fell back to its name
    expect(element.shadowRoot.textContent).not.toMatch(/c\.Glocal_/);
  });

  it("writes the review date in the user's locale and the samples in the market's", async () => {
    const element = await renderWith(mockDenmark);
    expect(element.shadowRoot.querySelector('.culture-source').textContent.trim()).toBe(
      'المصدر: Hofstede Insights country comparison; E. Meyer, The Culture Map (2014). تاريخ المراجعة: ١٥‏/٠٣‏/٢٠٢٦.'
    );
    // The samples stay Danish: they show how the market writes
    expect(element.shadowRoot.querySelector('[data-sample="number"]').textContent.trim()).toBe('1.234.567,89');
  });

  it('lays the profile out rtl', async () => {
    const element = await renderWith(mockNoCulture);
    expect(element.shadowRoot.querySelector('.profile').getAttribute('dir')).toBe('rtl');
    expect(element.shadowRoot.querySelector('.culture-empty').textContent).toContain(
      LABELS.get('Glocal_Market_Culture_Empty')
    );
  });

  it('is accessible right to left', async () => {
    const element = await renderWith(mockDenmark);
    await expect(element).toBeAccessible();
  });

  describe('on an Account page', () => {
    const objectOf = (config) => config.objectApiName?.objectApiName;
    const flush = () => Promise.resolve();

    async function renderOnAccount({ accountInfo, account, market }) {
      const element = createElement('c-market-profile', { is: MarketProfile });
      element.recordId = account?.id ?? mockAccount.id;
      element.objectApiName = 'Account';
      document.body.appendChild(element);
      await flush();
      getObjectInfo.emit(mockObjectInfo, (config) => objectOf(config) === 'Market__c');
      getObjectInfo.emit(accountInfo, (config) => objectOf(config) === 'Account');
      await flush();
      if (account) {
        getRecord.emit(account, (config) => config.recordId === account.id);
        await flush();
      }
      if (market) {
        getRecord.emit(market, (config) => config.recordId === market.id);
        await flush();
      }
      return element;
    }

    it('tells the admin in the words of the translation file to add a Market lookup', async () => {
      const element = await renderOnAccount({ accountInfo: mockAccountInfoWithoutLookup });
      expect(element.shadowRoot.querySelector('.profile').getAttribute('dir')).toBe('rtl');
      const empty = element.shadowRoot.querySelector('.account-no-lookup');
      expect(empty.textContent).toContain(LABELS.get('Glocal_Market_Account_No_Lookup'));
      expect(empty.textContent).toContain(LABELS.get('Glocal_Market_Account_No_Lookup_Action'));
      expect(element.shadowRoot.textContent).not.toMatch(/c\.Glocal_/);
    });

    it('shows the market of the account with labels of the translation file', async () => {
      const element = await renderOnAccount({
        accountInfo: mockAccountInfo,
        account: mockAccount,
        market: mockDenmark,
      });
      expect(element.shadowRoot.querySelector('.market-name').textContent.trim()).toBe('Denmark');
      expect(element.shadowRoot.querySelector('[data-sample="number"]').textContent.trim()).toBe('1.234.567,89');
      expect(element.shadowRoot.textContent).not.toMatch(/c\.Glocal_/);
    });

    it('says the account has no market, filling in the label of its lookup', async () => {
      const element = await renderOnAccount({ accountInfo: mockAccountInfo, account: mockAccountWithoutMarket });
      expect(element.shadowRoot.querySelector('.account-no-market').textContent.trim()).toBe(
        LABELS.get('Glocal_Market_Account_No_Market').replace('{0}', mockAccountInfo.fields.Market__c.label)
      );
    });

    it('is accessible right to left without a lookup', async () => {
      const element = await renderOnAccount({ accountInfo: mockAccountInfoWithoutLookup });
      await expect(element).toBeAccessible();
    });
  });
});
