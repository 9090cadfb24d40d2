// What a field photo shows: the institution's contact poster or sign (统一张贴, the proof of presence a
// verified inspection needs), a scene of the inspection, or evidence of a ledger item's rectification.
export const photoKinds = ['sign', 'scene', 'evidence'] as const
export type PhotoKind = (typeof photoKinds)[number]
