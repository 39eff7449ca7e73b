import { LightningElement, api } from 'lwc';
import DIR from '@salesforce/i18n/dir';
import NOT_RATED from '@salesforce/label/c.Glocal_Rating_Not_Rated';
import VALUE_OF from '@salesforce/label/c.Glocal_Rating_Value_Of';
import REQUIRED from '@salesforce/label/c.Glocal_Form_Required';
import { formatLabel, formatNumber } from 'c/localeFormat';

/**
 * A 1–5 rating that behaves like a radio group (WAI-ARIA radio pattern): one tab stop, arrow
 * keys move and select, Home/End jump, and a "not rated" choice when the rating is optional.
 * Fires `change` with `detail = { name, value }` (value is a number, or null when not rated).
 */
export default class RatingInput extends LightningElement {
  @api label;
  @api name;
  @api required = false;
  @api max = 5;
  @api disabled = false;
  /** Extra text read after the label, e.g. what 1 and 5 mean. */
  @api fieldLevelHelp;

  _value = null;
  focusPending = false;
  labels = { required: REQUIRED };

  @api
  get value() {
    return this._value;
  }
  set value(newValue) {
    const number = newValue === null || newValue === undefined || newValue === '' ? null : Number(newValue);
    this._value = Number.isInteger(number) ? number : null;
  }

  /** Possible values in order, null first when optional. */
  get values() {
    const scores = Array.from({ length: this.max }, (unused, index) => index + 1);
    return this.required ? scores : [null, ...scores];
  }

  get options() {
    const checked = this.values.includes(this._value) ? this._value : undefined;
    // The roving tab stop is on the checked option, else on the first one.
    const tabStop = checked === undefined ? this.values[0] : checked;
    return this.values.map((value) => {
      const isChecked = value === this._value;
      const filled = value !== null && this._value !== null && value <= this._value;
      return {
        key: value === null ? 'none' : String(value),
        value: value === null ? '' : String(value),
        text: value === null ? NOT_RATED : formatNumber(value),
        ariaChecked: isChecked ? 'true' : 'false',
        ariaLabel: value === null ? NOT_RATED : formatLabel(VALUE_OF, formatNumber(value), formatNumber(this.max)),
        tabIndex: !this.disabled && value === tabStop ? '0' : '-1',
        className: [
          'rating__option',
          value === null ? 'rating__option_none' : '',
          filled ? 'rating__option_filled' : '',
          isChecked ? 'rating__option_checked' : '',
        ]
          .filter(Boolean)
          .join(' '),
      };
    });
  }

  get ariaDisabled() {
    return this.disabled ? 'true' : 'false';
  }

  get ariaRequired() {
    return this.required ? 'true' : 'false';
  }

  /** Gives focus to the checked option, as a radio group does. */
  @api
  focus() {
    const target =
      this.template.querySelector('[role="radio"][aria-checked="true"]') ??
      this.template.querySelector('[role="radio"]');
    target?.focus();
  }

  handleClick(event) {
    if (this.disabled) {
      return;
    }
    this.select(this.parse(event.currentTarget.dataset.value), true);
  }

  handleKeyDown(event) {
    if (this.disabled) {
      return;
    }
    const values = this.values;
    const current = values.indexOf(this.parse(event.target.dataset.value));
    // Visual direction: in a right-to-left layout the left arrow moves forward.
    const forwardKey = DIR === 'rtl' ? 'ArrowLeft' : 'ArrowRight';
    const backwardKey = DIR === 'rtl' ? 'ArrowRight' : 'ArrowLeft';
    let next;
    switch (event.key) {
      case forwardKey:
      case 'ArrowDown':
        next = (current + 1) % values.length;
        break;
      case backwardKey:
      case 'ArrowUp':
        next = (current - 1 + values.length) % values.length;
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = values.length - 1;
        break;
      case ' ':
      case 'Enter':
        next = current;
        break;
      default:
        return;
    }
    event.preventDefault();
    this.select(values[next], true);
  }

  parse(dataValue) {
    return dataValue === '' || dataValue === undefined ? null : Number(dataValue);
  }

  select(value, moveFocus) {
    this.focusPending = moveFocus;
    if (value === this._value) {
      return;
    }
    this._value = value;
    this.dispatchEvent(new CustomEvent('change', { detail: { name: this.name, value } }));
  }

  renderedCallback() {
    if (this.focusPending) {
      this.focusPending = false;
      this.focus();
    }
  }
}
