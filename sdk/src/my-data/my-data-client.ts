import type {
  ForwardRecipientList,
  ForwardRequest,
  MyDataFlowStarted,
  MyDataFlowState,
  MyDataView,
  MyDataViewOpened,
  ProposeCorrectionRequest,
  WalletOffer,
  WalletOfferRequest,
} from '../protocol/index.js';
import { RegieApiError } from '../http/api-error.js';
import { errorFrom, globalFetch, jsonPost, requestJson, tenantApiUrl, type FetchLike } from '../http/request.js';
import { unreachableError } from '../http/api-error.js';

export interface MyDataClientOptions {
  /** Origin of the regiekit server. */
  server: string;
  tenant: string;
  fetch?: FetchLike;
}

type Lang = 'nl' | 'en';

/** The download: its bytes, and the file name the server gave it. */
export interface MyDataDownload {
  blob: Blob;
  fileName: string;
}

/**
 * The customer's view of their data in a company's portal, as
 * `<regie-my-data>` uses it: open the view once with the view token the
 * company's backend minted, then read it again, download it, and start a
 * correction or a forward (each confirmed at `startUrl` with a passkey).
 * The view's secret stays in this object only.
 */
export class MyDataClient {
  private view: { viewId: string; secret: string } | undefined;
  private readonly fetchImpl: FetchLike;

  constructor(private readonly options: MyDataClientOptions) {
    this.fetchImpl = options.fetch ?? globalFetch;
  }

  async open(viewToken: string): Promise<MyDataView> {
    const opened = await requestJson<MyDataViewOpened>(this.fetchImpl, this.url('/my-data/views'), {
      ...jsonPost({ viewToken }),
      cache: 'no-store',
      credentials: 'omit',
    });
    this.view = { viewId: opened.viewId, secret: opened.viewSecret };
    const { viewSecret: _secret, ...view } = opened;
    return view;
  }

  refresh(): Promise<MyDataView> {
    return this.call('GET', '');
  }

  recipients(serviceType: string): Promise<ForwardRecipientList> {
    return this.call('GET', `/recipients?serviceType=${encodeURIComponent(serviceType)}`);
  }

  proposeCorrection(body: ProposeCorrectionRequest, lang: Lang): Promise<MyDataFlowStarted> {
    return this.call('POST', `/corrections?lang=${lang}`, body);
  }

  forward(body: ForwardRequest, lang: Lang): Promise<MyDataFlowStarted> {
    return this.call('POST', `/forwards?lang=${lang}`, body);
  }

  /** An OpenID4VCI credential offer of chosen fields for the customer's own wallet: show its QR and PIN. */
  walletOffer(body: WalletOfferRequest): Promise<WalletOffer> {
    return this.call('POST', '/wallet-offers', body);
  }

  flowState(flowId: string): Promise<MyDataFlowState> {
    return this.call('GET', `/flows/${encodeURIComponent(flowId)}`);
  }

  async download(lang: Lang): Promise<MyDataDownload> {
    let response: Response;
    try {
      response = await this.fetchImpl(this.viewUrl(`/download?lang=${lang}`), {
        headers: this.authorization(),
        cache: 'no-store',
        credentials: 'omit',
      });
    } catch {
      throw unreachableError();
    }
    if (!response.ok) throw await errorFrom(response);
    const fileName = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') ?? '')?.[1] ?? 'my-data.zip';
    return { blob: await response.blob(), fileName };
  }

  private call<T>(method: string, path: string, body?: unknown): Promise<T> {
    return requestJson<T>(this.fetchImpl, this.viewUrl(path), {
      method,
      headers: { ...this.authorization(), ...(body !== undefined && { 'Content-Type': 'application/json' }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
      cache: 'no-store',
      credentials: 'omit',
    });
  }

  private authorization(): Record<string, string> {
    if (!this.view) throw new RegieApiError(0, 'no_view', 'Open the view with its token first.');
    return { Authorization: `Bearer ${this.view.secret}` };
  }

  private viewUrl(path: string): string {
    if (!this.view) throw new RegieApiError(0, 'no_view', 'Open the view with its token first.');
    return this.url(`/my-data/views/${encodeURIComponent(this.view.viewId)}${path}`);
  }

  private url(path: string): string {
    return tenantApiUrl(this.options.server, this.options.tenant, path);
  }
}
