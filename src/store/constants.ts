export const STORE_NAME = 'countersign/proposals';

/** Enough for every proposal on one post in one request; the API caps per_page at 100. */
export const POST_QUERY_PER_PAGE = 100;
