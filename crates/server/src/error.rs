//! The one table of API errors: every error body is `{message, code, type}`; internal
//! details are logged, never returned.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// An API error.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
}

impl ApiError {
    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            code: "bad_request",
            message: message.into(),
        }
    }
    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::NOT_FOUND,
            code: "not_found",
            message: message.into(),
        }
    }
    pub fn unauthorized(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::UNAUTHORIZED,
            code: "unauthorized",
            message: message.into(),
        }
    }
    pub fn forbidden(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::FORBIDDEN,
            code: "writes_disabled",
            message: message.into(),
        }
    }
    /// An internal failure: logged with its details, answered without them.
    pub fn internal(detail: impl std::fmt::Display) -> ApiError {
        eprintln!("rasid serve: internal error: {detail}");
        ApiError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            code: "internal",
            message: "internal error; the server log has the details".into(),
        }
    }
    fn kind(&self) -> &'static str {
        if self.status.is_server_error() {
            "internal"
        } else if self.status == StatusCode::UNAUTHORIZED || self.status == StatusCode::FORBIDDEN {
            "auth"
        } else {
            "invalid_request"
        }
    }
}

impl From<rasid_store::StoreError> for ApiError {
    fn from(e: rasid_store::StoreError) -> ApiError {
        match e {
            rasid_store::StoreError::Filter(m) => ApiError::bad_request(m),
            rasid_store::StoreError::NotFound(m) => ApiError::not_found(format!("{m} not found")),
            other => ApiError::internal(other),
        }
    }
}

impl From<axum::extract::rejection::JsonRejection> for ApiError {
    fn from(r: axum::extract::rejection::JsonRejection) -> ApiError {
        let status = r.status();
        ApiError {
            status,
            code: if status == StatusCode::PAYLOAD_TOO_LARGE {
                "payload_too_large"
            } else {
                "bad_request"
            },
            message: r.body_text(),
        }
    }
}

impl From<axum::extract::rejection::QueryRejection> for ApiError {
    fn from(r: axum::extract::rejection::QueryRejection) -> ApiError {
        ApiError::bad_request(r.body_text())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = json!({"message": self.message, "code": self.code, "type": self.kind()});
        (self.status, axum::Json(body)).into_response()
    }
}
