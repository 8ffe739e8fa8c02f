export { type BidsPageData, type BidsService, createBidsService } from './bids.ts';
export * from './rules.ts';
