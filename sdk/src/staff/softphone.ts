import type { StaffApi } from './staff-api.js';

/** The part of a Twilio Voice SDK call the softphone uses. */
export interface VoiceCall {
  accept(): void;
  reject(): void;
  disconnect(): void;
  on(event: 'disconnect' | 'cancel' | 'reject', listener: () => void): void;
}

/** The part of the Twilio Voice SDK's `Device` the softphone uses. */
export interface VoiceDevice {
  register(): Promise<void>;
  updateToken(token: string): void;
  destroy(): void;
  on(event: 'registered' | 'unregistered' | 'error' | 'tokenWillExpire', listener: () => void): void;
  on(event: 'incoming', listener: (call: VoiceCall) => void): void;
}

export type VoiceDeviceConstructor = new (token: string, options: { closeProtection: boolean }) => VoiceDevice;

export type SoftphoneState =
  | { kind: 'off' }
  | { kind: 'connecting' }
  | { kind: 'ready' }
  | { kind: 'ringing'; accept: () => void; reject: () => void }
  | { kind: 'in-call'; hangUp: () => void }
  | { kind: 'unavailable' };

/** Where the server serves the Twilio Voice SDK as an ES module (built with the widgets). */
export const twilioVoiceModuleUrl = (server: string) => `${server.replace(/\/$/, '')}/cdn/twilio-voice.js`;

/**
 * The agent's phone in the browser, for tenants whose calls come in through
 * Twilio: it asks the server for a Voice token and loads the Twilio Voice SDK
 * only when there is one, so tenants on other switchboards never download it.
 * A call the agent took is put through to this device; the agent answers it
 * here.
 */
export class Softphone {
  private device: VoiceDevice | undefined;
  private stopped = false;

  constructor(
    private readonly api: StaffApi,
    private readonly loadDevice: () => Promise<VoiceDeviceConstructor>,
    private readonly onChange: (state: SoftphoneState) => void,
  ) {}

  async start(): Promise<void> {
    let token;
    try {
      token = await this.api.voiceToken();
    } catch {
      return this.onChange({ kind: 'unavailable' });
    }
    if (!token || this.stopped) return this.onChange({ kind: 'off' });
    this.onChange({ kind: 'connecting' });
    try {
      const Device = await this.loadDevice();
      if (this.stopped) return;
      const device = new Device(token.token, { closeProtection: true });
      this.device = device;
      device.on('registered', () => this.onChange({ kind: 'ready' }));
      device.on('unregistered', () => this.onChange({ kind: 'unavailable' }));
      device.on('error', () => this.onChange({ kind: 'unavailable' }));
      device.on('tokenWillExpire', () => void this.renewToken());
      device.on('incoming', (call) => this.ring(call));
      await device.register();
    } catch {
      this.onChange({ kind: 'unavailable' });
    }
  }

  stop(): void {
    this.stopped = true;
    this.device?.destroy();
    this.device = undefined;
  }

  private ring(call: VoiceCall): void {
    const backToReady = () => this.onChange(this.device ? { kind: 'ready' } : { kind: 'off' });
    call.on('cancel', backToReady);
    call.on('reject', backToReady);
    call.on('disconnect', backToReady);
    this.onChange({
      kind: 'ringing',
      accept: () => {
        call.accept();
        this.onChange({ kind: 'in-call', hangUp: () => call.disconnect() });
      },
      reject: () => call.reject(),
    });
  }

  private async renewToken(): Promise<void> {
    const token = await this.api.voiceToken().catch(() => null);
    if (token) this.device?.updateToken(token.token);
  }
}
