//! Long lists shown a page at a time: the first items, then a "Show more" button under the list
//! that adds a page. A long document can give a view thousands of shared stretches, passages or
//! values, and made at once they kept the view from showing for seconds.

use parallax_core::strings;
use yew::prelude::*;

/// How many items of a list a view shows at first; each "Show more" adds as many.
pub const PAGE: usize = 50;

/// How much of one list is shown.
#[derive(Clone, PartialEq)]
pub struct Paged {
    shown: UseStateHandle<usize>,
}

/// A list shown `PAGE` items at a time.
#[hook]
pub fn use_paged() -> Paged {
    Paged {
        shown: use_state_eq(|| PAGE),
    }
}

impl Paged {
    /// How many items are shown.
    pub fn shown(&self) -> usize {
        *self.shown
    }

    /// Shows the list through item `index` (for a link to an item not shown yet).
    pub fn show_through(&self, index: usize) {
        if index >= *self.shown {
            self.shown.set((index / PAGE + 1) * PAGE);
        }
    }

    /// The button under a list of `total` items (`noun`: singular and plural) that shows the
    /// next page; nothing when every item is shown.
    pub fn more(&self, total: usize, noun: (&str, &str)) -> Html {
        self.more_after(*self.shown, total, noun)
    }

    /// The button under a list of `total` items of which the first `now` are shown (more than
    /// `shown()` when a link named an item further down).
    pub fn more_after(&self, now: usize, total: usize, noun: (&str, &str)) -> Html {
        if total <= now {
            return Html::default();
        }
        let left = total - now;
        let shown = self.shown.clone();
        let onclick = Callback::from(move |_: MouseEvent| shown.set(now + PAGE));
        html! {
            <p class="show-more">
                <button type="button" {onclick}>
                    { format!("Show {}", strings::count(left.min(PAGE), &format!("more {}", noun.0), &format!("more {}", noun.1))) }
                    <span class="show-more-left">{ format!(" ({} not shown yet)", strings::thousands(left as u64)) }</span>
                </button>
            </p>
        }
    }
}
