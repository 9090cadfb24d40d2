// The phone's position for a record: the arrival fix. A fix can take a while (indoors, a cold GPS):
// the form says it is waiting, with the accuracy so far, and takes the first fix good enough or
// the best one after a while. Only a refused permission asks the member to turn location on.
import { ref } from 'vue'
import type { Fix } from '../../stores/outbox.ts'

/** Good enough to stop waiting (well inside the usual 200 m geofence). */
const goodEnoughMeters = 50
/** After this long the best fix so far is taken. */
const patienceMs = 20_000
/** With no fix at all by then, the member is told to try again in the open. */
const giveUpMs = 45_000

export class PositionFailure extends Error {
  constructor(readonly reason: 'denied' | 'slow' | 'unsupported') {
    super(reason)
  }
}

export function usePositionFix() {
  const waiting = ref(false)
  /** The accuracy of the best fix so far while waiting (metres); null before the first. */
  const accuracySoFar = ref<number | null>(null)

  function take(): Promise<Fix> {
    return new Promise((resolve, reject) => {
      if (!('geolocation' in navigator)) return reject(new PositionFailure('unsupported'))
      waiting.value = true
      accuracySoFar.value = null
      let best: Fix | null = null
      const end = (outcome: Fix | PositionFailure) => {
        navigator.geolocation.clearWatch(watch)
        clearTimeout(patience)
        clearTimeout(giveUp)
        waiting.value = false
        if (outcome instanceof PositionFailure) reject(outcome)
        else resolve(outcome)
      }
      const watch = navigator.geolocation.watchPosition(
        (found) => {
          const fix: Fix = {
            position: [found.coords.longitude, found.coords.latitude],
            accuracyMeters: Math.round(found.coords.accuracy * 10) / 10,
          }
          if (!best || fix.accuracyMeters < best.accuracyMeters) best = fix
          accuracySoFar.value = best.accuracyMeters
          if (best.accuracyMeters <= goodEnoughMeters) end(best)
        },
        (failure) => {
          // A timeout or a position not yet available is waited out; a refusal is final.
          if (failure.code === failure.PERMISSION_DENIED) end(new PositionFailure('denied'))
        },
        { enableHighAccuracy: true, maximumAge: 10_000 },
      )
      const patience = setTimeout(() => best && end(best), patienceMs)
      const giveUp = setTimeout(() => end(best ?? new PositionFailure('slow')), giveUpMs)
    })
  }

  return { waiting, accuracySoFar, take }
}
