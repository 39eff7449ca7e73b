import { LightningElement, api, wire } from 'lwc';
import { getRecord, getFieldValue, getFieldDisplayValue } from 'lightning/uiRecordApi';
import { getObjectInfo } from 'lightning/uiObjectInfoApi';
import DIR from '@salesforce/i18n/dir';
import ACCOUNT_OBJECT from '@salesforce/schema/Account';
import MARKET_OBJECT from '@salesforce/schema/Market__c';
import NAME_FIELD from '@salesforce/schema/Market__c.Name';
import LANGUAGE_FIELD from '@salesforce/schema/Market__c.Language__c';
import LOCALE_FIELD from '@salesforce/schema/Market__c.Locale__c';
import CURRENCY_FIELD from '@salesforce/schema/Market__c.Currency_Code__c';
import TIME_ZONE_FIELD from '@salesforce/schema/Market__c.Time_Zone__c';
import TEXT_DIRECTION_FIELD from '@salesforce/schema/Market__c.Text_Direction__c';
import NOTES_FIELD from '@salesforce/schema/Market__c.Communication_Notes__c';
import CONTEXT_FIELD from '@salesforce/schema/Market__c.Context__c';
import SOURCE_FIELD from '@salesforce/schema/Market__c.Culture_Source__c';
import REVIEWED_ON_FIELD from '@salesforce/schema/Market__c.Culture_Reviewed_On__c';
import POWER_DISTANCE_FIELD from '@salesforce/schema/Market__c.Power_Distance__c';
import INDIVIDUALISM_FIELD from '@salesforce/schema/Market__c.Individualism__c';
import MASCULINITY_FIELD from '@salesforce/schema/Market__c.Masculinity__c';
import UNCERTAINTY_FIELD from '@salesforce/schema/Market__c.Uncertainty_Avoidance__c';
import LONG_TERM_FIELD from '@salesforce/schema/Market__c.Long_Term_Orientation__c';
import INDULGENCE_FIELD from '@salesforce/schema/Market__c.Indulgence__c';
import COMMUNICATING_FIELD from '@salesforce/schema/Market__c.Meyer_Communicating__c';
import EVALUATING_FIELD from '@salesforce/schema/Market__c.Meyer_Evaluating__c';
import PERSUADING_FIELD from '@salesforce/schema/Market__c.Meyer_Persuading__c';
import LEADING_FIELD from '@salesforce/schema/Market__c.Meyer_Leading__c';
import DECIDING_FIELD from '@salesforce/schema/Market__c.Meyer_Deciding__c';
import TRUSTING_FIELD from '@salesforce/schema/Market__c.Meyer_Trusting__c';
import DISAGREEING_FIELD from '@salesforce/schema/Market__c.Meyer_Disagreeing__c';
import SCHEDULING_FIELD from '@salesforce/schema/Market__c.Meyer_Scheduling__c';
import TITLE from '@salesforce/label/c.Glocal_Market_Profile_Title';
import LOCAL_FORMATS from '@salesforce/label/c.Glocal_Market_Local_Formats';
import SAMPLE_DATE from '@salesforce/label/c.Glocal_Market_Sample_Date';
import SAMPLE_NUMBER from '@salesforce/label/c.Glocal_Market_Sample_Number';
import SAMPLE_PRICE from '@salesforce/label/c.Glocal_Market_Sample_Price';
import LOCAL_TIME from '@salesforce/label/c.Glocal_Market_Local_Time';
import RIGHT_TO_LEFT from '@salesforce/label/c.Glocal_Market_Right_To_Left';
import LEFT_TO_RIGHT from '@salesforce/label/c.Glocal_Market_Left_To_Right';
import CULTURE_TITLE from '@salesforce/label/c.Glocal_Market_Culture_Title';
import HOFSTEDE_CAPTION from '@salesforce/label/c.Glocal_Market_Hofstede_Caption';
import MEYER_CAPTION from '@salesforce/label/c.Glocal_Market_Meyer_Caption';
import SCORE from '@salesforce/label/c.Glocal_Market_Score';
import CULTURE_SOURCE from '@salesforce/label/c.Glocal_Market_Culture_Source';
import CULTURE_EMPTY from '@salesforce/label/c.Glocal_Market_Culture_Empty';
import CULTURE_EMPTY_ACTION from '@salesforce/label/c.Glocal_Market_Culture_Empty_Action';
import LOAD_ERROR from '@salesforce/label/c.Glocal_Market_Load_Error';
import ACCOUNT_NO_LOOKUP from '@salesforce/label/c.Glocal_Market_Account_No_Lookup';
import ACCOUNT_NO_LOOKUP_ACTION from '@salesforce/label/c.Glocal_Market_Account_No_Lookup_Action';
import ACCOUNT_NO_MARKET from '@salesforce/label/c.Glocal_Market_Account_No_Market';
import {
  formatDate,
  formatDateTime,
  formatLabel,
  formatNumber,
  now,
  resolveLocale,
  resolveTimeZone,
} from 'c/localeFormat';

const HOFSTEDE_FIELDS = [
  POWER_DISTANCE_FIELD,
  INDIVIDUALISM_FIELD,
  MASCULINITY_FIELD,
  UNCERTAINTY_FIELD,
  LONG_TERM_FIELD,
  INDULGENCE_FIELD,
];
const MEYER_FIELDS = [
  COMMUNICATING_FIELD,
  EVALUATING_FIELD,
  PERSUADING_FIELD,
  LEADING_FIELD,
  DECIDING_FIELD,
  TRUSTING_FIELD,
  DISAGREEING_FIELD,
  SCHEDULING_FIELD,
];
const PROFILE_FIELDS = [
  LANGUAGE_FIELD,
  LOCALE_FIELD,
  CURRENCY_FIELD,
  TIME_ZONE_FIELD,
  TEXT_DIRECTION_FIELD,
  NOTES_FIELD,
  CONTEXT_FIELD,
  SOURCE_FIELD,
  REVIEWED_ON_FIELD,
  ...HOFSTEDE_FIELDS,
  ...MEYER_FIELDS,
];
// What the samples show: a date, a large number and a price as the market writes them.
const SAMPLE_NUMBER_VALUE = 1234567.89;
const SAMPLE_PRICE_VALUE = 1499.5;

/**
 * The Account field that names the account's market, from Account's object info: a lookup
 * (reference) field whose targets include Market__c. The pack adds no such field; an admin may.
 * If several fields qualify, the one whose API name is the object's own (Market__c) wins, else
 * the first by API name, so the choice never depends on the order UI API lists fields in.
 * Fields the user cannot read are absent from the object info, so they count as no lookup.
 * @returns {object|undefined} the field's object info (apiName, label, …)
 */
function findMarketLookup(accountInfo) {
  const marketObject = MARKET_OBJECT.objectApiName;
  const lookups = Object.values(accountInfo?.fields ?? {})
    .filter((field) => (field.referenceToInfos ?? []).some((target) => target.apiName === marketObject))
    .sort((a, b) => (a.apiName < b.apiName ? -1 : a.apiName > b.apiName ? 1 : 0));
  return lookups.find((field) => field.apiName === marketObject) ?? lookups[0];
}

/**
 * A market's language, formats, time, text direction and culture, as its own people see them.
 * On an Account page it shows the market the account's Market lookup points at (see
 * findMarketLookup), or says what is missing.
 */
export default class MarketProfile extends LightningElement {
  @api recordId;
  /** Given by the record page: Market__c, or Account. */
  @api objectApiName;

  labels = {
    title: TITLE,
    localFormats: LOCAL_FORMATS,
    sampleDate: SAMPLE_DATE,
    sampleNumber: SAMPLE_NUMBER,
    samplePrice: SAMPLE_PRICE,
    localTime: LOCAL_TIME,
    cultureTitle: CULTURE_TITLE,
    hofstedeCaption: HOFSTEDE_CAPTION,
    meyerCaption: MEYER_CAPTION,
    cultureEmpty: CULTURE_EMPTY,
    cultureEmptyAction: CULTURE_EMPTY_ACTION,
    loadError: LOAD_ERROR,
    accountNoLookup: ACCOUNT_NO_LOOKUP,
    accountNoLookupAction: ACCOUNT_NO_LOOKUP_ACTION,
  };

  // Account pages only: Account's fields tell which lookup names the market
  @wire(getObjectInfo, { objectApiName: '$accountObject' })
  accountInfo;

  @wire(getRecord, { recordId: '$accountId', fields: '$accountLookupFields' })
  account;

  @wire(getRecord, { recordId: '$marketId', fields: [NAME_FIELD], optionalFields: PROFILE_FIELDS })
  market;

  @wire(getObjectInfo, { objectApiName: MARKET_OBJECT })
  marketInfo;

  get onAccountPage() {
    return this.objectApiName === ACCOUNT_OBJECT.objectApiName;
  }

  get accountObject() {
    return this.onAccountPage ? ACCOUNT_OBJECT : undefined;
  }

  get marketLookup() {
    return this.onAccountPage ? findMarketLookup(this.accountInfo?.data) : undefined;
  }

  /** The lookup as a field reference built from UI API's answer, not from a field-name string. */
  get marketLookupField() {
    const lookup = this.marketLookup;
    return lookup ? { objectApiName: ACCOUNT_OBJECT.objectApiName, fieldApiName: lookup.apiName } : undefined;
  }

  get accountId() {
    return this.marketLookup ? this.recordId : undefined;
  }

  get accountLookupFields() {
    const field = this.marketLookupField;
    return field ? [field] : undefined;
  }

  /** The market shown: this page's record, or on an Account page the one its lookup names. */
  get marketId() {
    if (!this.onAccountPage) {
      return this.recordId;
    }
    return this.account?.data && this.marketLookupField
      ? (getFieldValue(this.account.data, this.marketLookupField) ?? undefined)
      : undefined;
  }

  /** Account's object info is loaded and no field of it looks up a market. */
  get accountHasNoLookup() {
    return this.onAccountPage && !this.accountError && !!this.accountInfo?.data && !this.marketLookup;
  }

  /** The account's lookup is there but empty. */
  get accountHasNoMarket() {
    return this.onAccountPage && !this.accountError && !!this.account?.data && !this.marketId;
  }

  get accountNoMarketMessage() {
    return formatLabel(ACCOUNT_NO_MARKET, this.marketLookup?.label ?? '');
  }

  get accountError() {
    return this.onAccountPage ? (this.accountInfo?.error ?? this.account?.error) : undefined;
  }

  /** Mirrors the layout for right-to-left languages, even inside a left-to-right container. */
  dir = DIR;

  get hasData() {
    // On an Account page a market read before the lookup was emptied is not shown
    return !!this.market?.data && !!this.marketId;
  }

  get error() {
    return this.accountError ?? (this.marketId ? this.market?.error : undefined) ?? this.marketInfo?.error;
  }

  value(field) {
    return getFieldValue(this.market.data, field);
  }

  /** Field labels come from UI API, already in the user's language. */
  fieldLabel(field) {
    return this.marketInfo?.data?.fields?.[field.fieldApiName]?.label ?? '';
  }

  get marketName() {
    return this.value(NAME_FIELD);
  }

  get marketLocale() {
    return resolveLocale(this.value(LOCALE_FIELD));
  }

  get marketTimeZone() {
    return resolveTimeZone(this.value(TIME_ZONE_FIELD));
  }

  get facts() {
    const direction = this.value(TEXT_DIRECTION_FIELD);
    return [
      {
        field: LANGUAGE_FIELD,
        text: getFieldDisplayValue(this.market.data, LANGUAGE_FIELD) ?? this.value(LANGUAGE_FIELD),
      },
      { field: LOCALE_FIELD, text: this.value(LOCALE_FIELD) },
      { field: CURRENCY_FIELD, text: this.value(CURRENCY_FIELD) },
      { field: TIME_ZONE_FIELD, text: this.value(TIME_ZONE_FIELD) },
      { field: TEXT_DIRECTION_FIELD, text: direction === 'RTL' ? RIGHT_TO_LEFT : direction ? LEFT_TO_RIGHT : '' },
      {
        field: CONTEXT_FIELD,
        text: getFieldDisplayValue(this.market.data, CONTEXT_FIELD) ?? this.value(CONTEXT_FIELD),
      },
    ].map((fact) => ({
      key: fact.field.fieldApiName,
      termKey: `term-${fact.field.fieldApiName}`,
      label: this.fieldLabel(fact.field),
      text: fact.text ?? '',
    }));
  }

  /** A date, a number, a price and the time now, written the way the market writes them. */
  get samples() {
    const locale = this.marketLocale;
    const timeZone = this.marketTimeZone;
    const currency = this.value(CURRENCY_FIELD);
    const instant = now();
    const samples = [
      {
        key: 'date',
        label: SAMPLE_DATE,
        text: formatDateTime(instant, { dateStyle: 'full', timeZone }, locale),
      },
      {
        key: 'number',
        label: SAMPLE_NUMBER,
        text: formatNumber(SAMPLE_NUMBER_VALUE, {}, locale),
      },
    ];
    if (currency) {
      try {
        samples.push({
          key: 'price',
          label: SAMPLE_PRICE,
          text: formatNumber(SAMPLE_PRICE_VALUE, { style: 'currency', currency }, locale),
        });
      } catch {
        // An invalid currency code is refused by the org's validation; show no price then.
      }
    }
    if (timeZone) {
      samples.push({
        key: 'time',
        label: LOCAL_TIME,
        text: formatDateTime(instant, { timeStyle: 'short', timeZone }, locale),
      });
    }
    return samples.map((sample) => ({ ...sample, termKey: `term-${sample.key}` }));
  }

  get notes() {
    return this.value(NOTES_FIELD);
  }

  get notesLabel() {
    return this.fieldLabel(NOTES_FIELD);
  }

  dimensions(fields) {
    return fields.map((field) => ({ label: this.fieldLabel(field) || field.fieldApiName, value: this.value(field) }));
  }

  get hasCulture() {
    return [...HOFSTEDE_FIELDS, ...MEYER_FIELDS].some((field) => {
      const value = this.value(field);
      return value !== null && value !== undefined;
    });
  }

  get hofstedeCategories() {
    return this.dimensions(HOFSTEDE_FIELDS).map((dimension) => dimension.label);
  }

  get hofstedeSeries() {
    return [{ label: SCORE, values: this.dimensions(HOFSTEDE_FIELDS).map((dimension) => dimension.value) }];
  }

  get hofstedeMax() {
    // Hofstede scores are 0–100 for most countries; a few exceed it.
    return Math.max(100, ...this.hofstedeSeries[0].values.filter((value) => typeof value === 'number'));
  }

  get meyerCategories() {
    return this.dimensions(MEYER_FIELDS).map((dimension) => dimension.label);
  }

  get meyerSeries() {
    return [{ label: SCORE, values: this.dimensions(MEYER_FIELDS).map((dimension) => dimension.value) }];
  }

  get cultureSource() {
    const source = this.value(SOURCE_FIELD);
    const reviewedOn = this.value(REVIEWED_ON_FIELD);
    return source || reviewedOn ? formatLabel(CULTURE_SOURCE, source ?? '', formatDate(reviewedOn)) : '';
  }
}
