// The most heap memory live at once during one fuzz input, counted through
// AddressSanitizer's malloc and free hooks, so a harness can check that no input
// makes a reader allocate more than a small multiple of the input's size (a .npy
// header that claims a shape of 10^12 x 1000 must cost nothing but its refusal).
//
// The fuzz binaries are always built with AddressSanitizer, whose allocator runs
// these hooks on every malloc, realloc and free, in every thread.
#include <sanitizer/allocator_interface.h>
#include <stdatomic.h>
#include <stddef.h>

// Signed: a block allocated before the reset and freed after it takes `live` below zero.
static _Atomic long long live;
static _Atomic long long peak;

static void on_malloc(const volatile void *pointer, size_t size) {
    (void)pointer;
    long long now = atomic_fetch_add_explicit(&live, (long long)size, memory_order_relaxed) + (long long)size;
    long long seen = atomic_load_explicit(&peak, memory_order_relaxed);
    while (now > seen && !atomic_compare_exchange_weak_explicit(&peak, &seen, now, memory_order_relaxed,
                                                               memory_order_relaxed)) {
    }
}

// Runs before the block is released, while its size can still be asked for.
static void on_free(const volatile void *pointer) {
    if (pointer == NULL || !__sanitizer_get_ownership(pointer)) return;
    atomic_fetch_sub_explicit(&live, (long long)__sanitizer_get_allocated_size(pointer), memory_order_relaxed);
}

/// Starts counting (once) and makes the bytes live now the zero of the next peak.
void fuzz_allocation_peak_reset(void) {
    static _Atomic int installed;
    if (!atomic_exchange(&installed, 1)) __sanitizer_install_malloc_and_free_hooks(on_malloc, on_free);
    atomic_store_explicit(&live, 0, memory_order_relaxed);
    atomic_store_explicit(&peak, 0, memory_order_relaxed);
}

/// The most bytes allocated and not yet freed at once since the last reset.
size_t fuzz_allocation_peak_bytes(void) {
    return (size_t)atomic_load_explicit(&peak, memory_order_relaxed);
}
