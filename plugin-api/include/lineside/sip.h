/* lineside/sip.h: value structs used to read SIP requests and build responses through the host. */
#ifndef LINESIDE_SIP_H
#define LINESIDE_SIP_H

#include "lineside/abi.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Fields readable with host->request_field(). Append-only; an unknown id returns NULL.
 * URIs are returned as text without angle brackets or header parameters.
 */
#define LS_FIELD_METHOD 1u           /**< "REGISTER" */
#define LS_FIELD_REQUEST_URI 2u      /**< "sip:pbx.test" */
#define LS_FIELD_REQUEST_URI_USER 3u /**< user part of the Request-URI, or NULL */
#define LS_FIELD_REQUEST_URI_HOST 4u /**< host part of the Request-URI */
#define LS_FIELD_FROM_URI 5u         /**< From URI */
#define LS_FIELD_FROM_USER 6u        /**< From user part, or NULL */
#define LS_FIELD_FROM_TAG 7u         /**< From tag, or NULL */
#define LS_FIELD_TO_URI 8u           /**< To URI (the AoR of a REGISTER) */
#define LS_FIELD_TO_USER 9u          /**< To user part, or NULL */
#define LS_FIELD_TO_TAG 10u          /**< To tag, or NULL (NULL = outside a dialog) */
#define LS_FIELD_CALL_ID 11u         /**< Call-ID */
#define LS_FIELD_CSEQ 12u            /**< CSeq number as decimal text */
#define LS_FIELD_USER_AGENT 13u      /**< User-Agent, or NULL */
#define LS_FIELD_TO_HOST 14u         /**< To host part */
#define LS_FIELD_FROM_DISPLAY 15u    /**< From display name, unquoted, or NULL */

/**
 * Where a request came from. Filled by host->request_peer().
 * OWNERSHIP: caller's storage; `addr` is inside the struct. THREAD: SIP thread.
 */
typedef struct ls_peer {
  uint32_t size;      /**< set by the caller to sizeof(ls_peer_t); the host fills what fits */
  uint32_t transport; /**< LS_TRANSPORT_* */
  char addr[64];      /**< numeric source address ("127.0.0.1", "::1") */
  uint32_t port;      /**< source port */
  uint32_t secure;    /**< 1 when the request came over TLS */
  ls_flow_id_t flow;  /**< the connection it came over (TCP/TLS); for UDP a per-remote id */
} ls_peer_t;

/**
 * One Contact of a request. Filled by host->request_contact(). Strings are owned by the host and
 * live as long as the request. THREAD: SIP thread.
 */
typedef struct ls_contact {
  uint32_t size;        /**< set by the caller to sizeof(ls_contact_t) */
  uint32_t is_star;     /**< 1 for "Contact: *" (uri is "*") */
  const char *uri;      /**< the contact URI, without brackets */
  const char *display;  /**< display name, or NULL */
  int64_t expires;      /**< the contact's expires parameter, or -1 when absent */
  int32_t q_milli;      /**< q parameter times 1000, or -1 when absent */
  uint32_t reserved0;   /**< zero */
  const char *instance; /**< +sip.instance value, or NULL */
  const char *reg_id;   /**< reg-id value (RFC 5626), or NULL */
  const char *params;   /**< all header parameters as text (";expires=60;q=0.5"), or "" */
} ls_contact_t;

/**
 * One header for a response. OWNERSHIP: caller; the host copies. THREAD: SIP thread.
 */
typedef struct ls_header {
  const char *name;  /**< "WWW-Authenticate" */
  const char *value; /**< the field value, without CRLF */
} ls_header_t;

/**
 * A response to send with host->respond(). OWNERSHIP: caller; the host copies everything.
 * THREAD: SIP thread.
 */
typedef struct ls_response {
  uint32_t size;              /**< sizeof(ls_response_t) */
  uint32_t status;            /**< 100..699 */
  const char *reason;         /**< reason phrase, or NULL for the standard one */
  const ls_header_t *headers; /**< extra headers, may be NULL */
  uint32_t header_count;      /**< entries in headers */
  uint32_t reserved0;         /**< zero */
  const char *content_type;   /**< body type, or NULL */
  const char *body;           /**< body bytes, or NULL */
  size_t body_len;            /**< body length */
} ls_response_t;

/**
 * A request a module sends (UAC) with host->request_send(): a NOTIFY in a subscription dialog the
 * module keeps, an unsolicited NOTIFY, a MESSAGE, a SUBSCRIBE. The module builds the dialog fields;
 * the host adds Via, Max-Forwards, Contact (unless `headers` has one) and Content-Length.
 * OWNERSHIP: caller; the host copies everything before request_send returns. THREAD: SIP thread.
 */
typedef struct ls_outgoing_request {
  uint32_t size;            /**< sizeof(ls_outgoing_request_t) */
  uint32_t transport;       /**< LS_TRANSPORT_* of our Contact (UDP when UNKNOWN); how the request
                                 travels follows `flow`, else the URI (its ;transport= parameter) */
  const char *method;       /**< "NOTIFY" */
  const char *request_uri;  /**< where it goes: the phone's Contact ("sip:1001@127.0.0.1:5062") */
  const char *from;         /**< full From value with tag ("<sip:1001@pbx.test>;tag=abc"); NULL:
                                 the server's own URI with a fresh tag */
  const char *to;           /**< full To value, with the peer's tag inside a dialog */
  const char *call_id;      /**< Call-ID, or NULL for a fresh one */
  uint32_t cseq;            /**< CSeq number (0 = 1) */
  uint32_t reserved0;       /**< zero */
  const char *headers;      /**< extra header lines, each ending "\r\n" ("Event: message-summary\r\n
                                 Subscription-State: active;expires=3600\r\n"), or NULL */
  const char *content_type; /**< body type, or NULL (no body) */
  const char *body;         /**< body bytes, or NULL */
  size_t body_len;          /**< body length */
  ls_flow_id_t flow;        /**< send over this connection (a phone's TCP/TLS flow from its binding
                                 or its request), 0 = resolve request_uri (or next_hop) */
  const char *next_hop;     /**< send via this URI instead of resolving request_uri, or NULL */
} ls_outgoing_request_t;

/**
 * The final outcome of a request_send request. OWNERSHIP: host; strings borrowed.
 * LIFETIME: the callback. THREAD: SIP thread.
 */
typedef struct ls_request_outcome {
  uint32_t size;       /**< sizeof(ls_request_outcome_t) */
  uint32_t status;     /**< final status; 408 on timeout, 503 when it could not be sent */
  const char *phrase;  /**< reason phrase */
  const char *to_tag;  /**< the To tag of the response (starts the dialog of a SUBSCRIBE), or NULL */
  int64_t expires;     /**< the Expires header of the response, -1 when absent */
} ls_request_outcome_t;

/** Completion of host->request_send. THREAD: SIP thread. Called exactly once unless the process
 *  stops first. */
typedef void (*ls_request_done_fn)(void *arg, const ls_request_outcome_t *outcome);

#ifdef __cplusplus
}
#endif

#endif /* LINESIDE_SIP_H */
