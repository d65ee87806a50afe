// Types for server.mjs, so that TypeScript callers (and the tests) get checked calls.
import type { Server } from 'node:http';

/** One booking on today's list. */
export interface Booking {
  readonly name: string;
  /** The slot, "HH:MM". */
  readonly time: string;
  /** The client's intake answers, as the booking form stored them. */
  readonly intake: unknown;
  readonly source?: string;
  /** The appointment date (YYYY-MM-DD) when it is not the page's date. */
  readonly at?: string;
}

export interface BookingServerOptions {
  readonly bookings?: readonly Booking[];
  /** The appointment date the page screens for (YYYY-MM-DD). Default: today in `timeZone`. */
  readonly at?: string;
  /** The clinic's IANA time zone. Default UTC. */
  readonly timeZone?: string;
  /** Largest request body in bytes. Default 64 KB. */
  readonly maxBodyBytes?: number;
}

export declare const MAX_BODY_BYTES: number;
export declare function sampleBookings(): Booking[];
export declare function renderBookingsPage(bookings: readonly unknown[], at: string): string;
export declare function createServer(options?: BookingServerOptions): Server;
export declare function startServer(
  port?: number,
  options?: BookingServerOptions,
): Promise<{ server: Server; url: string; close: () => Promise<void> }>;
