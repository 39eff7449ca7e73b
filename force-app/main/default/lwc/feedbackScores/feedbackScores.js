import { LightningElement, api } from 'lwc';
import SCALE_HELP from '@salesforce/label/c.Glocal_Feedback_Scale_Help';

/**
 * The rating rows of these schema fields, labelled and explained by the object's own (translated)
 * field info, with the values scored so far.
 */
export function dimensionRatings(fields, fieldInfos, scores) {
  return fields.map((field) => {
    const info = fieldInfos?.[field.fieldApiName] ?? {};
    return {
      name: field.fieldApiName,
      label: info.label ?? field.fieldApiName,
      help: info.inlineHelpText,
      value: scores[field.fieldApiName] ?? null,
    };
  });
}

/** Only the dimensions the user scored: blank ones stay blank, as the Overall formula expects. */
export function scoredDimensions(fields, scores) {
  const scored = {};
  for (const field of fields) {
    const value = scores[field.fieldApiName];
    if (value !== null && value !== undefined) {
      scored[field.fieldApiName] = value;
    }
  }
  return scored;
}

/**
 * The five 1–5 dimension ratings both feedback forms ask for, as one fieldset. The form keeps the
 * scores; each rating's `change` ({ name, value }) is passed on to it, because events of the
 * ratings do not leave this component's shadow tree.
 */
export default class FeedbackScores extends LightningElement {
  @api legend;
  /** `dimensionRatings(…)`: { name, label, help, value } in display order. */
  @api dimensions = [];

  labels = { scaleHelp: SCALE_HELP };

  handleScoreChange(event) {
    this.dispatchEvent(new CustomEvent('change', { detail: { ...event.detail } }));
  }
}
