/**
 * The Okabe–Ito palette (Okabe and Ito, "Color Universal Design", 2008), chosen
 * because its eight colours stay distinct under the common forms of colour blindness.
 */
export const OKABE_ITO = {
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
  grey: '#999999',
} as const;

/** Colours for data series in a fixed order. */
export const SERIES_COLORS: readonly string[] = [
  OKABE_ITO.blue, OKABE_ITO.orange, OKABE_ITO.bluishGreen, OKABE_ITO.vermillion,
  OKABE_ITO.reddishPurple, OKABE_ITO.skyBlue, OKABE_ITO.yellow, OKABE_ITO.grey,
];
