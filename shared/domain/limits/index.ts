export {
  DEFAULT_GRAPH_VERSION,
  DEFAULT_MESSAGING_LIMIT,
  MESSAGING_LIMIT_MAX_AGE_MS,
  PORTFOLIO_LIMIT_MIN_VERSION,
  canReadPortfolioLimit,
  parseMessagingTier,
} from './messaging-limit';
