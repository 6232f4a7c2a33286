export { clientAddress, trustedProxies } from "./client-address.ts";
export { createRateLimiter, type RateLimiter, type RateLimiterOptions } from "./daily-keyed-limiter.ts";
