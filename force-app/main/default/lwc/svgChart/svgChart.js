import { LightningElement, api } from 'lwc';
import DIR from '@salesforce/i18n/dir';
import SHOW_TABLE from '@salesforce/label/c.Glocal_Chart_Show_Table';
import HIDE_TABLE from '@salesforce/label/c.Glocal_Chart_Hide_Table';
import NO_VALUE from '@salesforce/label/c.Glocal_Chart_No_Value';
import { formatNumber } from 'c/localeFormat';

const WIDTH = 600;
const LABEL_SPACE = 170;
const END_SPACE = 56;
const BAR_HEIGHT = 14;
const ROW_GAP = 12;
const LINE_HEIGHT = 240;
const LINE_MARGIN = { top: 16, bottom: 40, start: 48, end: 24 };

/**
 * A bar chart (horizontal, grouped by category) or a line chart drawn in SVG, with a data table
 * that carries the same numbers for screen readers and for anyone who prefers a table. Mirrors
 * itself in right-to-left languages.
 */
export default class SvgChart extends LightningElement {
  /** 'bar' or 'line' */
  @api type = 'bar';
  /** What the chart shows; also the table caption and the chart's accessible name. */
  @api caption;
  /** Category labels: dimensions for bars, periods for lines. */
  @api categories = [];
  /** [{ label, values: [number|null per category] }] */
  @api series = [];
  @api min = 0;
  @api max;
  /** Intl.NumberFormat options for values, e.g. { maximumFractionDigits: 2 } */
  @api formatOptions;

  tableVisible = false;
  labels = { showTable: SHOW_TABLE, hideTable: HIDE_TABLE };

  get isRtl() {
    return DIR === 'rtl';
  }

  get isLine() {
    return this.type === 'line';
  }

  get scaleMax() {
    if (this.max !== undefined && this.max !== null) {
      return Number(this.max);
    }
    const values = this.allValues();
    return values.length ? Math.max(...values) : 1;
  }

  allValues() {
    return (this.series ?? []).flatMap((entry) => entry.values ?? []).filter((value) => isNumber(value));
  }

  format(value) {
    return isNumber(value) ? formatNumber(value, this.formatOptions ?? { maximumFractionDigits: 2 }) : NO_VALUE;
  }

  /** x of a box of the given width measured from the inline start, in SVG coordinates. */
  inlineX(start, width = 0) {
    return this.isRtl ? WIDTH - start - width : start;
  }

  get startAnchor() {
    return this.isRtl ? 'end' : 'start';
  }

  get endAnchor() {
    return this.isRtl ? 'start' : 'end';
  }

  get rowHeight() {
    return Math.max(1, (this.series ?? []).length) * BAR_HEIGHT + ROW_GAP;
  }

  get height() {
    return this.isLine ? LINE_HEIGHT : (this.categories ?? []).length * this.rowHeight + ROW_GAP;
  }

  get viewBox() {
    return `0 0 ${WIDTH} ${this.height}`;
  }

  get legend() {
    return (this.series ?? []).map((entry, index) => ({
      key: `legend-${index}`,
      label: entry.label,
      swatchClass: `legend__swatch series-${index}`,
    }));
  }

  /** Bars grouped by category, one row per category. */
  get barRows() {
    const span = this.scaleMax - this.min || 1;
    const plotWidth = WIDTH - LABEL_SPACE - END_SPACE;
    return (this.categories ?? []).map((category, categoryIndex) => {
      const top = ROW_GAP / 2 + categoryIndex * this.rowHeight;
      const bars = (this.series ?? []).map((entry, seriesIndex) => {
        const value = entry.values?.[categoryIndex];
        const length = isNumber(value) ? Math.max(0, ((value - this.min) / span) * plotWidth) : 0;
        const y = top + seriesIndex * BAR_HEIGHT;
        return {
          key: `bar-${categoryIndex}-${seriesIndex}`,
          className: `bar series-${seriesIndex}`,
          x: this.inlineX(LABEL_SPACE, length),
          y,
          width: length,
          height: BAR_HEIGHT - 2,
          title: `${entry.label}: ${this.format(value)}`,
          valueX: this.inlineX(LABEL_SPACE + length + 4),
          valueY: y + BAR_HEIGHT - 4,
          valueText: this.format(value),
        };
      });
      return {
        key: `row-${categoryIndex}`,
        label: category,
        labelX: this.inlineX(LABEL_SPACE - 8),
        labelY: top + ((this.series ?? []).length * BAR_HEIGHT) / 2 + 4,
        bars,
      };
    });
  }

  get lineGeometry() {
    const categories = this.categories ?? [];
    const plotWidth = WIDTH - LINE_MARGIN.start - LINE_MARGIN.end;
    const plotHeight = LINE_HEIGHT - LINE_MARGIN.top - LINE_MARGIN.bottom;
    const span = this.scaleMax - this.min || 1;
    const step = categories.length > 1 ? plotWidth / (categories.length - 1) : 0;
    const xOf = (index) => this.inlineX(LINE_MARGIN.start + (categories.length > 1 ? index * step : plotWidth / 2));
    const yOf = (value) => LINE_MARGIN.top + plotHeight - ((value - this.min) / span) * plotHeight;
    return { xOf, yOf, plotHeight, span };
  }

  get gridLines() {
    if (!this.isLine) {
      return [];
    }
    const { yOf, span } = this.lineGeometry;
    return [0, 0.25, 0.5, 0.75, 1].map((fraction) => {
      const value = this.min + fraction * span;
      const y = yOf(value);
      return {
        key: `grid-${fraction}`,
        x1: this.inlineX(LINE_MARGIN.start),
        x2: this.inlineX(WIDTH - LINE_MARGIN.end),
        y,
        labelX: this.inlineX(LINE_MARGIN.start - 6),
        labelY: y + 4,
        text: this.format(value),
      };
    });
  }

  get lines() {
    if (!this.isLine) {
      return [];
    }
    const { xOf, yOf } = this.lineGeometry;
    return (this.series ?? []).map((entry, seriesIndex) => {
      const points = (entry.values ?? [])
        .map((value, index) => ({ value, index }))
        .filter((point) => isNumber(point.value))
        .map((point) => ({
          key: `point-${seriesIndex}-${point.index}`,
          cx: xOf(point.index),
          cy: yOf(point.value),
          title: `${entry.label}, ${this.categories[point.index]}: ${this.format(point.value)}`,
        }));
      return {
        key: `line-${seriesIndex}`,
        className: `line series-${seriesIndex}`,
        pointClass: `point series-${seriesIndex}`,
        path: points.map((point) => `${point.cx},${point.cy}`).join(' '),
        points,
      };
    });
  }

  get xLabels() {
    if (!this.isLine) {
      return [];
    }
    const { xOf } = this.lineGeometry;
    return (this.categories ?? []).map((category, index) => ({
      key: `x-${index}`,
      x: xOf(index),
      y: LINE_HEIGHT - LINE_MARGIN.bottom + 18,
      text: category,
    }));
  }

  get tableRows() {
    return (this.categories ?? []).map((category, categoryIndex) => ({
      key: `table-${categoryIndex}`,
      category,
      cells: (this.series ?? []).map((entry, seriesIndex) => ({
        key: `cell-${categoryIndex}-${seriesIndex}`,
        text: this.format(entry.values?.[categoryIndex]),
      })),
    }));
  }

  get tableHeaders() {
    return (this.series ?? []).map((entry, index) => ({ key: `head-${index}`, label: entry.label }));
  }

  get tableClass() {
    // The table stays in the page for screen readers; the button only shows it on screen.
    return this.tableVisible
      ? 'slds-table slds-table_bordered slds-table_cell-buffer slds-m-top_small chart-table'
      : 'slds-assistive-text chart-table';
  }

  get toggleLabel() {
    return this.tableVisible ? HIDE_TABLE : SHOW_TABLE;
  }

  get ariaExpanded() {
    return this.tableVisible ? 'true' : 'false';
  }

  handleToggleTable() {
    this.tableVisible = !this.tableVisible;
  }
}

function isNumber(value) {
  return typeof value === 'number' && !Number.isNaN(value);
}
