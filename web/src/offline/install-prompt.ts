// Offering to install the app (PWA) on the phone's home screen: Chromium-based browsers announce
// that they can with `beforeinstallprompt`, early, once; it is kept here so that the field app's
// menu can offer 安装到桌面 whenever the member opens it. Browsers without the event (iOS Safari,
// WeChat) install through their own share menu, so nothing is offered there.
import { shallowRef } from 'vue'

interface InstallPromptEvent extends Event {
  prompt(): Promise<void>
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>
}

/** The browser's offer, while it stands. */
export const installOffer = shallowRef<InstallPromptEvent | null>(null)

export function listenForInstallOffer(): void {
  addEventListener('beforeinstallprompt', (event) => {
    event.preventDefault()
    installOffer.value = event as InstallPromptEvent
  })
  addEventListener('appinstalled', () => (installOffer.value = null))
}

/** Shows the browser's install dialog; the offer is spent either way. */
export async function install(): Promise<void> {
  const offer = installOffer.value
  if (!offer) return
  installOffer.value = null
  await offer.prompt()
  await offer.userChoice
}
