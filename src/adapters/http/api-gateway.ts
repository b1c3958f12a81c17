import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";
import { lowerCaseHeaders, type WebhookRequest, type WebhookResponse } from "./http-types.js";

/** API Gateway's proxy event as the transport-neutral request the webhook endpoints take. */
export function fromApiGateway(event: APIGatewayProxyEvent): WebhookRequest {
  const body = event.body ?? "";
  return {
    headers: lowerCaseHeaders(event.headers ?? {}),
    rawBody: event.isBase64Encoded ? Buffer.from(body, "base64").toString("utf8") : body,
  };
}

export function toApiGateway(response: WebhookResponse): APIGatewayProxyResult {
  return {
    statusCode: response.status,
    headers: { "content-type": "application/json", ...response.headers },
    body: JSON.stringify(response.body),
  };
}

export function isApiGatewayEvent(event: unknown): event is APIGatewayProxyEvent {
  return typeof event === "object" && event !== null && "httpMethod" in event && "headers" in event;
}
