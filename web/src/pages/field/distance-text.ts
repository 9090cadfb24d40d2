/** A distance as the phone prints it: metres below a kilometre, else kilometres to one decimal. */
export function distanceText(meters: number | null): string {
  if (meters === null) return ''
  return meters < 1000 ? `${meters} m` : `${(meters / 1000).toFixed(1)} km`
}
