// Runs as a da, zh_CN and ar user: labels from translations/<lang>.translation-meta.xml, the
// user's locale for dates, the market's locale for the samples and the user's text direction.
import { createElement } from '@lwc/engine-dom';
import { loadAsUser } from '../../../../../test/l10n/glocalLocale';

const mockDenmark = require('./data/marketDenmark.json');
const mockNoCulture = require('./data/marketSaudiArabiaNoCulture.json');
const mockAccountInfoWithoutLookup = require('./data/accountObjectInfoWithoutMarketLookup.json');
const mockAccount = require('./data/accountNordicRetail.json');
const mockAccountWithoutMarket = require('./data/accountWithoutMarket.json');

// What each user reads, written out so a wrong translation or date format fails here; the
// object infos are what UI API sends that user (field labels in Danish for the da user). The
// Arabic date carries right-to-left marks (\u200f) after day and month.
const USERS = [
  {
    language: 'da',
    dir: 'ltr',
    marketInfo: require('./data/marketObjectInfoDa.json'),
    accountInfo: require('./data/accountObjectInfoDa.json'),
    title: 'Markedsprofil',
    cultureSource:
      'Kilde: Hofstede Insights country comparison; E. Meyer, The Culture Map (2014). Gennemgået den 15. mar. 2026.',
    noMarket: 'Der er ikke angivet et marked for denne konto. Vælg et i feltet Marked for at se markedets profil her.',
  },
  {
    language: 'zh_CN',
    dir: 'ltr',
    marketInfo: require('./data/marketObjectInfo.json'),
    accountInfo: require('./data/accountObjectInfo.json'),
    title: '市场概况',
    cultureSource:
      '来源：Hofstede Insights country comparison; E. Meyer, The Culture Map (2014)。审核日期：2026年3月15日。',
    noMarket: '此客户尚未设置市场。请在 Market 字段中选择一个市场，即可在此查看其概况。',
  },
  {
    language: 'ar',
    dir: 'rtl',
    marketInfo: require('./data/marketObjectInfo.json'),
    accountInfo: require('./data/accountObjectInfo.json'),
    title: 'ملف السوق',
    cultureSource:
      'المصدر: Hofstede Insights country comparison; E. Meyer, The Culture Map (2014). تاريخ المراجعة: ١٥\u200f/٠٣\u200f/٢٠٢٦.',
    noMarket: 'لم يُحدَّد سوق لهذا الحساب. يُرجى اختيار سوق في الحقل Market لعرض ملفه هنا.',
  },
];

describe.each(USERS)('c-market-profile for a $language user', (expected) => {
  const { MarketProfile, getRecord, getObjectInfo, labels } = loadAsUser(expected.language, () => ({
    MarketProfile: require('c/marketProfile').default,
    getRecord: require('lightning/uiRecordApi').getRecord,
    getObjectInfo: require('lightning/uiObjectInfoApi').getObjectInfo,
  }));

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
    getObjectInfo.emit(expected.marketInfo);
    await Promise.resolve();
    return element;
  }

  it('shows the labels of the translation file', async () => {
    const element = await renderWith(mockDenmark);
    expect(element.shadowRoot.querySelector('lightning-card').title).toBe(expected.title);
    expect(
      element.shadowRoot.querySelector('#local-formats-heading, [id^="local-formats-heading"]').textContent.trim()
    ).toBe(labels.get('Glocal_Market_Local_Formats'));
    expect(element.shadowRoot.querySelector('c-svg-chart.hofstede').caption).toBe(
      labels.get('Glocal_Market_Hofstede_Caption')
    );
    // No label fell back to its name
    expect(element.shadowRoot.textContent).not.toMatch(/c\.Glocal_/);
  });

  it("writes the review date in the user's locale and the samples in the market's", async () => {
    const element = await renderWith(mockDenmark);
    expect(element.shadowRoot.querySelector('.culture-source').textContent.trim()).toBe(expected.cultureSource);
    // The samples stay Danish: they show how the market writes
    expect(element.shadowRoot.querySelector('[data-sample="number"]').textContent.trim()).toBe('1.234.567,89');
  });

  it(`lays the profile out ${expected.dir}`, async () => {
    const element = await renderWith(mockNoCulture);
    expect(element.shadowRoot.querySelector('.profile').getAttribute('dir')).toBe(expected.dir);
    expect(element.shadowRoot.querySelector('.culture-empty').textContent).toContain(
      labels.get('Glocal_Market_Culture_Empty')
    );
  });

  if (expected.dir === 'rtl') {
    it('is accessible right to left', async () => {
      const element = await renderWith(mockDenmark);
      await expect(element).toBeAccessible();
    });
  }

  describe('on an Account page', () => {
    const objectOf = (config) => config.objectApiName?.objectApiName;
    const flush = () => Promise.resolve();

    async function renderOnAccount({ accountInfo, account, market }) {
      const element = createElement('c-market-profile', { is: MarketProfile });
      element.recordId = account?.id ?? mockAccount.id;
      element.objectApiName = 'Account';
      document.body.appendChild(element);
      await flush();
      getObjectInfo.emit(expected.marketInfo, (config) => objectOf(config) === 'Market__c');
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
      expect(element.shadowRoot.querySelector('.profile').getAttribute('dir')).toBe(expected.dir);
      const empty = element.shadowRoot.querySelector('.account-no-lookup');
      expect(empty.textContent).toContain(labels.get('Glocal_Market_Account_No_Lookup'));
      expect(empty.textContent).toContain(labels.get('Glocal_Market_Account_No_Lookup_Action'));
      expect(element.shadowRoot.textContent).not.toMatch(/c\.Glocal_/);
    });

    it('shows the market of the account with labels of the translation file', async () => {
      const element = await renderOnAccount({
        accountInfo: expected.accountInfo,
        account: mockAccount,
        market: mockDenmark,
      });
      expect(element.shadowRoot.querySelector('.market-name').textContent.trim()).toBe('Denmark');
      // Field labels of the market come from UI API, in the user's language
      expect(element.shadowRoot.querySelector('.facts dt').textContent).toBe(
        expected.marketInfo.fields.Language__c.label
      );
      expect(element.shadowRoot.querySelector('[data-sample="number"]').textContent.trim()).toBe('1.234.567,89');
      expect(element.shadowRoot.textContent).not.toMatch(/c\.Glocal_/);
    });

    it(`says in ${expected.language} that the account has no market, naming the lookup by its UI API label`, async () => {
      const element = await renderOnAccount({ accountInfo: expected.accountInfo, account: mockAccountWithoutMarket });
      expect(element.shadowRoot.querySelector('.account-no-market').textContent.trim()).toBe(expected.noMarket);
    });

    if (expected.dir === 'rtl') {
      it('is accessible right to left without a lookup', async () => {
        const element = await renderOnAccount({ accountInfo: mockAccountInfoWithoutLookup });
        await expect(element).toBeAccessible();
      });
    }
  });
});
