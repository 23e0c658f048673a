import { seededRandom } from './random';
import type { FaultConfig, FaultRoute } from './types';

export type FaultAction = 'none' | 'serverError' | 'reset' | 'acceptThenReset' | 'timeout';

export interface FaultDraw {
  action: FaultAction;
  /** For serverError: 131000 (HTTP 500) or 2 (HTTP 503). */
  serverCode: number;
}

export interface AfterAccept {
  revokeToken: boolean;
  pauseTemplate?: { name: string; language: string };
}

const DEFAULT_TIMEOUT_MS = 30_000;
const NO_FAULT: FaultDraw = { action: 'none', serverCode: 0 };

const rate = (r: number | undefined): number => Math.min(1, Math.max(0, r ?? 0));

/**
 * Seeded fault injection: the same seed and the same request order give the same faults. One draw per
 * request on a fault route, so turning one kind of fault up does not reshuffle when the others strike.
 */
export class Faults {
  private config: FaultConfig = {};
  private random = seededRandom(0);
  private routes = new Set<FaultRoute>(['messages']);
  private accepted = 0;
  private acceptedOfTemplate = 0;
  private revoked = false;
  private paused = false;

  constructor(config: FaultConfig = {}) {
    this.set(config);
  }

  set(config: FaultConfig): void {
    this.config = { ...config };
    this.random = seededRandom(config.seed ?? 0);
    this.routes = new Set(config.routes ?? ['messages']);
    this.accepted = 0;
    this.acceptedOfTemplate = 0;
    this.revoked = false;
    this.paused = false;
  }

  get(): FaultConfig {
    return { ...this.config };
  }

  applies(route: FaultRoute): boolean {
    return this.routes.has(route);
  }

  draw(route: FaultRoute): FaultDraw {
    if (!this.applies(route)) return NO_FAULT;
    const c = this.config;
    const r = this.random();
    let edge = rate(c.serverErrorRate);
    if (r < edge) return { action: 'serverError', serverCode: this.random() < 0.5 ? 131000 : 2 };
    edge += rate(c.resetRate);
    if (r < edge) return { action: 'reset', serverCode: 0 };
    // Accept-then-reset only means something for sends.
    edge += route === 'messages' ? rate(c.acceptThenResetRate) : 0;
    if (r < edge) return { action: 'acceptThenReset', serverCode: 0 };
    edge += rate(c.timeoutRate);
    if (r < edge) return { action: 'timeout', serverCode: 0 };
    return NO_FAULT;
  }

  slowMs(route: FaultRoute): number {
    return this.applies(route) ? Math.max(0, this.config.slowMs ?? 0) : 0;
  }

  timeoutMs(): number {
    return Math.max(0, this.config.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  }

  /** Counts an accepted send and says which one-shot faults it triggers. */
  afterAccept(template: { name: string; language: string }): AfterAccept {
    const out: AfterAccept = { revokeToken: false };
    this.accepted += 1;
    const { revokeTokenAfter, pauseTemplateAfter } = this.config;
    if (revokeTokenAfter !== undefined && !this.revoked && this.accepted >= revokeTokenAfter) {
      this.revoked = true;
      out.revokeToken = true;
    }
    if (
      pauseTemplateAfter &&
      template.name === pauseTemplateAfter.name &&
      template.language === pauseTemplateAfter.language
    ) {
      this.acceptedOfTemplate += 1;
      if (!this.paused && this.acceptedOfTemplate >= pauseTemplateAfter.after) {
        this.paused = true;
        out.pauseTemplate = { name: template.name, language: template.language };
      }
    }
    return out;
  }
}
