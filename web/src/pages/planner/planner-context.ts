// What the planner page lends its panels: the one message line and the guard that fills it, and
// the map to fly to a place.
import type { InjectionKey, Ref } from 'vue'

export interface PlannerContext {
  message: Ref<string | null>
  guarded: (action: () => Promise<unknown>) => Promise<void>
  flyTo: (at: [number, number]) => void
  /** A scheduled draft back to open (the head's button and the history's link), saying so. */
  unschedule: (draftId: number) => Promise<void>
}

export const plannerContext: InjectionKey<PlannerContext> = Symbol('planner')
