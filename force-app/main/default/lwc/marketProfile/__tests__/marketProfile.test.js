// Test wire adapters are driven directly (emit, getLastConfig), as sfdx-lwc-jest intends.
import { createElement } from '@lwc/engine-dom';
import MarketProfile from 'c/marketProfile';
import { getRecord } from 'lightning/uiRecordApi';
import { getObjectInfo } from 'lightning/uiObjectInfoApi';

// Realistic UI API responses
const mockDenmark = require('./data/marketDenmark.json');
const mockNoCulture = require('./data/marketSaudiArabiaNoCulture.json');
const mockObjectInfo = require('./data/marketObjectInfo.json');
const mockAccountInfo = require('./data/accountObjectInfo.json');
const mockAccountInfoWithoutLookup = require('./data/accountObjectInfoWithoutMarketLookup.json');
const mockAccount = require('./data/accountNordicRetail.json');
const mockAccountWithoutMarket = require('./data/accountWithoutMarket.json');

// Sunday 22 November 2026, 10:30 UTC
const NOW = Date.UTC(2026, 10, 22, 10, 30);

describe('c-market-profile', () => {
  beforeEach(() => {
    jest.spyOn(Date, 'now').mockReturnValue(NOW);
  });

  afterEach(() => {
    // The jsdom instance is shared across test cases in a single file so reset the DOM
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.restoreAllMocks();
  });

  // Helper function to wait until the microtask queue is empty.
  async function flushPromises() {
    return Promise.resolve();
  }

  async function renderWith(record) {
    const element = createElement('c-market-profile', { is: MarketProfile });
    element.recordId = record.id;
    document.body.appendChild(element);
    // Emit data from @wire
    getRecord.emit(record);
    getObjectInfo.emit(mockObjectInfo);
    await flushPromises();
    return element;
  }

  const text = (element, selector) => element.shadowRoot.querySelector(selector).textContent.trim();

  describe('getRecord @wire data', () => {
    it('asks for the market fields through schema references', async () => {
      await renderWith(mockDenmark);
      const config = getRecord.getLastConfig();
      expect(config.recordId).toBe(mockDenmark.id);
      expect(config.fields).toEqual([{ objectApiName: 'Market__c', fieldApiName: 'Name' }]);
      expect(config.optionalFields.map((field) => field.fieldApiName)).toEqual(
        expect.arrayContaining(['Language__c', 'Locale__c', 'Power_Distance__c', 'Meyer_Scheduling__c'])
      );
    });

    it('shows language, locale, currency and time zone with UI API labels', async () => {
      const element = await renderWith(mockDenmark);
      expect(text(element, '.market-name')).toBe('Denmark');
      const terms = Array.from(element.shadowRoot.querySelectorAll('.facts dt')).map((dt) => dt.textContent);
      expect(terms).toEqual(['Language', 'Locale', 'Currency Code', 'Time Zone', 'Text Direction', 'Context']);
      expect(text(element, 'dd[data-field="Language__c"]')).toBe('Danish');
      expect(text(element, 'dd[data-field="Currency_Code__c"]')).toBe('DKK');
      expect(text(element, 'dd[data-field="Text_Direction__c"]')).toBe('c.Glocal_Market_Left_To_Right');
    });

    it("formats the samples the market's own way, in its time zone", async () => {
      const element = await renderWith(mockDenmark);
      expect(text(element, '[data-sample="date"]')).toBe('søndag den 22. november 2026');
      expect(text(element, '[data-sample="number"]')).toBe('1.234.567,89');
      expect(text(element, '[data-sample="price"]')).toBe('1.499,50\u00a0kr.');
      // Copenhagen is UTC+1 in November
      expect(text(element, '[data-sample="time"]')).toBe('11.30');
    });

    it('draws the Hofstede and Culture Map values as labelled bars with their source', async () => {
      const element = await renderWith(mockDenmark);
      const hofstede = element.shadowRoot.querySelector('c-svg-chart.hofstede');
      expect(hofstede.categories).toEqual([
        'Power Distance',
        'Individualism',
        'Masculinity',
        'Uncertainty Avoidance',
        'Long-Term Orientation',
        'Indulgence',
      ]);
      expect(hofstede.series[0].values).toEqual([18, 74, 16, 23, 35, 70]);
      expect(hofstede.max).toBe(100);
      const meyer = element.shadowRoot.querySelector('c-svg-chart.meyer');
      expect(meyer.series[0].values).toEqual([2, 4, 6, 1, 2, 3, 5, 2]);
      expect(text(element, '.culture-source')).toBe('c.Glocal_Market_Culture_Source');
      expect(text(element, '.notes')).toContain('first names from the first meeting');
    });
  });

  describe('empty state', () => {
    it('invites an admin to fill the culture dimensions when there are none', async () => {
      const element = await renderWith(mockNoCulture);
      expect(element.shadowRoot.querySelector('c-svg-chart')).toBeNull();
      expect(text(element, '.culture-empty')).toContain('c.Glocal_Market_Culture_Empty');
      expect(text(element, 'dd[data-field="Text_Direction__c"]')).toBe('c.Glocal_Market_Right_To_Left');
      expect(element.shadowRoot.querySelector('.notes')).toBeNull();
    });
  });

  describe('getRecord @wire error', () => {
    it('shows the error panel with the message from the org', async () => {
      const element = createElement('c-market-profile', { is: MarketProfile });
      element.recordId = mockDenmark.id;
      document.body.appendChild(element);
      getRecord.error({ message: 'The requested resource does not exist' });
      await flushPromises();
      const panel = element.shadowRoot.querySelector('c-error-panel');
      expect(panel).not.toBeNull();
      expect(panel.friendlyMessage).toBe('c.Glocal_Market_Load_Error');
      expect(panel.shadowRoot.querySelector('.messages').textContent).toContain(
        'The requested resource does not exist'
      );
    });
  });

  describe('on an Account page', () => {
    // Each wire gets only the answer to its own question, as LDS does
    const objectOf = (config) => config.objectApiName?.objectApiName;
    const flush = () => Promise.resolve();

    /** Renders on an Account page and answers the wires in the order LDS would. */
    async function renderOnAccount({ accountInfo, account, market, marketInfo = mockObjectInfo }) {
      const element = createElement('c-market-profile', { is: MarketProfile });
      element.recordId = account?.id ?? mockAccount.id;
      element.objectApiName = 'Account';
      document.body.appendChild(element);
      // The wires' configurations are set in a microtask after connecting
      await flush();
      const asked = { account: [], market: [] };
      getObjectInfo.emit(marketInfo, (config) => objectOf(config) === 'Market__c');
      getObjectInfo.emit(accountInfo, (config) => objectOf(config) === 'Account');
      await flush();
      if (account) {
        getRecord.emit(account, (config) => config.recordId === account.id && !!asked.account.push(config));
        await flush();
      }
      if (market) {
        getRecord.emit(market, (config) => config.recordId === market.id && !!asked.market.push(config));
        await flush();
      }
      return { element, asked };
    }

    /** Account's object info with other fields in place of its Market__c lookup. */
    function accountInfoWith(fields) {
      const { Market__c: lookup, ...others } = mockAccountInfo.fields;
      const extra = Object.fromEntries(
        Object.entries(fields).map(([apiName, label]) => [apiName, { ...lookup, apiName, label }])
      );
      return { ...mockAccountInfo, fields: { ...others, ...extra } };
    }

    it("reads the account's Market lookup and shows that market's profile", async () => {
      const { element, asked } = await renderOnAccount({
        accountInfo: mockAccountInfo,
        account: mockAccount,
        market: mockDenmark,
      });
      // The lookup's name comes from UI API's object info, not from the component
      expect(asked.account[0].fields).toEqual([{ objectApiName: 'Account', fieldApiName: 'Market__c' }]);
      expect(asked.market).toHaveLength(1);
      expect(text(element, '.market-name')).toBe('Denmark');
      expect(text(element, 'dd[data-field="Language__c"]')).toBe('Danish');
      expect(text(element, 'dd[data-field="Locale__c"]')).toBe('da_DK');
      expect(text(element, 'dd[data-field="Currency_Code__c"]')).toBe('DKK');
      expect(text(element, 'dd[data-field="Time_Zone__c"]')).toBe('Europe/Copenhagen');
      expect(text(element, '[data-sample="price"]')).toBe('1.499,50\u00a0kr.');
      expect(text(element, '[data-sample="time"]')).toBe('11.30');
      expect(element.shadowRoot.querySelector('c-svg-chart.hofstede').series[0].values).toEqual([
        18, 74, 16, 23, 35, 70,
      ]);
      expect(element.shadowRoot.querySelector('.account-no-lookup')).toBeNull();
    });

    it('prefers the lookup named Market__c when Account has several', async () => {
      const accountInfo = {
        ...mockAccountInfo,
        fields: {
          Buying_Market__c: {
            ...mockAccountInfo.fields.Market__c,
            apiName: 'Buying_Market__c',
            label: 'Buying Market',
          },
          ...mockAccountInfo.fields,
        },
      };
      const { asked } = await renderOnAccount({ accountInfo, account: mockAccount });
      expect(asked.account[0].fields).toEqual([{ objectApiName: 'Account', fieldApiName: 'Market__c' }]);
    });

    it('takes the first by API name when no lookup is named Market__c', async () => {
      const accountInfo = accountInfoWith({ Sales_Market__c: 'Sales Market', Home_Market__c: 'Home Market' });
      const account = { ...mockAccount, fields: { Home_Market__c: { value: mockDenmark.id, displayValue: null } } };
      const { element, asked } = await renderOnAccount({ accountInfo, account, market: mockDenmark });
      expect(asked.account[0].fields).toEqual([{ objectApiName: 'Account', fieldApiName: 'Home_Market__c' }]);
      expect(text(element, '.market-name')).toBe('Denmark');
    });

    it('tells the admin to add a Market lookup when Account has none', async () => {
      const { element, asked } = await renderOnAccount({
        accountInfo: mockAccountInfoWithoutLookup,
        account: mockAccount,
      });
      // No lookup, so the account record is never asked for
      expect(asked.account).toEqual([]);
      const empty = element.shadowRoot.querySelector('.account-no-lookup');
      expect(empty.textContent).toContain('c.Glocal_Market_Account_No_Lookup');
      expect(empty.textContent).toContain('c.Glocal_Market_Account_No_Lookup_Action');
      expect(element.shadowRoot.querySelector('.market-name')).toBeNull();
      expect(element.shadowRoot.querySelector('c-error-panel')).toBeNull();
    });

    it('says the account has no market when its lookup is empty', async () => {
      const { element, asked } = await renderOnAccount({
        accountInfo: mockAccountInfo,
        account: mockAccountWithoutMarket,
      });
      expect(asked.account).toHaveLength(1);
      expect(text(element, '.account-no-market')).toBe('c.Glocal_Market_Account_No_Market');
      expect(element.shadowRoot.querySelector('.market-name')).toBeNull();
    });

    it("shows the error panel when the account's object info cannot be read", async () => {
      const element = createElement('c-market-profile', { is: MarketProfile });
      element.recordId = mockAccount.id;
      element.objectApiName = 'Account';
      document.body.appendChild(element);
      await flush();
      getObjectInfo.emit(mockObjectInfo, (config) => objectOf(config) === 'Market__c');
      getObjectInfo.emitError(
        { body: [{ errorCode: 'INSUFFICIENT_ACCESS', message: 'You do not have access to the Account object' }] },
        (config) => objectOf(config) === 'Account'
      );
      await flush();
      const panel = element.shadowRoot.querySelector('c-error-panel');
      expect(panel).not.toBeNull();
      expect(panel.friendlyMessage).toBe('c.Glocal_Market_Load_Error');
      expect(panel.shadowRoot.querySelector('.messages').textContent).toContain(
        'You do not have access to the Account object'
      );
      expect(element.shadowRoot.querySelector('.account-no-lookup')).toBeNull();
    });

    it('shows the error panel when the account cannot be read', async () => {
      const { element } = await renderOnAccount({ accountInfo: mockAccountInfo });
      getRecord.error({ message: 'The requested resource does not exist' });
      await flush();
      const panel = element.shadowRoot.querySelector('c-error-panel');
      expect(panel.shadowRoot.querySelector('.messages').textContent).toContain(
        'The requested resource does not exist'
      );
    });

    it('is accessible showing the market', async () => {
      const { element } = await renderOnAccount({
        accountInfo: mockAccountInfo,
        account: mockAccount,
        market: mockDenmark,
      });
      await expect(element).toBeAccessible();
    });

    it('is accessible in the empty state without a lookup', async () => {
      const { element } = await renderOnAccount({ accountInfo: mockAccountInfoWithoutLookup });
      await expect(element).toBeAccessible();
    });
  });

  it('is accessible when data is returned', async () => {
    const element = await renderWith(mockDenmark);
    await expect(element).toBeAccessible();
  });

  it('is accessible in the empty state', async () => {
    const element = await renderWith(mockNoCulture);
    await expect(element).toBeAccessible();
  });
});
