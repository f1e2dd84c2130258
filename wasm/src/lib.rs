//! madace-core's text functions for WebAssembly (`madace-core/wasm`): no
//! files, no threads, no JS glue generator. The JS side (lib/wasm/engine.js)
//! writes an operation's name and its four strings, one after the other,
//! into memory from [`alloc`], calls [`call`] with their lengths, and reads
//! the answer at [`answer_ptr`] / [`answer_len`]: JSON text, or the core's
//! error as JSON when `call` returns 1. A panic is a trap (panic = abort);
//! its message goes first to the imported `madace.panicked`, and JS starts
//! a fresh instance.

mod ops;

use std::cell::RefCell;

thread_local! {
    /// The last call's answer, kept until the next call.
    static ANSWER: RefCell<String> = const { RefCell::new(String::new()) };
}

/// `len` bytes for JS to write into; JS gives them back with [`dealloc`].
#[no_mangle]
pub extern "C" fn alloc(len: usize) -> *mut u8 {
    let mut buffer = Vec::<u8>::with_capacity(len);
    let ptr = buffer.as_mut_ptr();
    std::mem::forget(buffer);
    ptr
}

/// # Safety
/// `ptr` and `len` are those of one [`alloc`], not yet given back.
#[no_mangle]
pub unsafe extern "C" fn dealloc(ptr: *mut u8, len: usize) {
    drop(Vec::from_raw_parts(ptr, 0, len));
}

/// Runs the operation named by the first of five UTF-8 strings laid out
/// from `ptr`, on the other four; 0 when it answered a result, 1 an error.
///
/// # Safety
/// `ptr` points to `op + a + b + c + d` bytes written by JS.
#[no_mangle]
pub unsafe extern "C" fn call(ptr: *const u8, op: usize, a: usize, b: usize, c: usize, d: usize) -> u32 {
    hook_panics();
    let bytes = std::slice::from_raw_parts(ptr, op + a + b + c + d);
    let answer = match split(bytes, [op, a, b, c, d]) {
        Ok([op, a, b, c, d]) => ops::run(op, [a, b, c, d]),
        Err(e) => Err(madace_core::Error::Internal { file: String::new(), message: e.to_string() }),
    };
    let (status, text) = match answer {
        Ok(text) => (0, text),
        Err(err) => (1, err.to_json().to_string()),
    };
    ANSWER.with(|answer| *answer.borrow_mut() = text);
    status
}

fn split(mut bytes: &[u8], lens: [usize; 5]) -> Result<[&str; 5], std::str::Utf8Error> {
    let mut parts = [""; 5];
    for (part, len) in parts.iter_mut().zip(lens) {
        let (head, rest) = bytes.split_at(len);
        *part = std::str::from_utf8(head)?;
        bytes = rest;
    }
    Ok(parts)
}

/// Where the last answer's UTF-8 starts.
#[no_mangle]
pub extern "C" fn answer_ptr() -> *const u8 {
    ANSWER.with(|answer| answer.borrow().as_ptr())
}

/// The last answer's length in bytes.
#[no_mangle]
pub extern "C" fn answer_len() -> usize {
    ANSWER.with(|answer| answer.borrow().len())
}

/// A panic's message is handed to JS before the trap, for its E_INTERNAL
/// error; nothing is printed (there is no stderr to print to). Its source
/// location is not kept in the module (scripts/build-wasm.js).
fn hook_panics() {
    #[cfg(target_arch = "wasm32")]
    {
        #[link(wasm_import_module = "madace")]
        extern "C" {
            fn panicked(ptr: *const u8, len: usize);
        }
        static HOOK: std::sync::Once = std::sync::Once::new();
        HOOK.call_once(|| {
            std::panic::set_hook(Box::new(|info| {
                let message = info.payload_as_str().unwrap_or("a panic without a message");
                unsafe { panicked(message.as_ptr(), message.len()) }
            }))
        });
    }
}
