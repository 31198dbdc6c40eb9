#pragma once
// Delivers outbox rows to Matrix rooms: an m.notice with HTML (see matrix_renderer.hpp), sent
// with the row's id as its transaction id, so a retried send is never shown twice. A card
// already shown to the same reader in the same room is edited (m.replace) instead, so a
// claimed question's message changes where it is. A person without a direct chat yet gets one
// (created with is_direct and recorded in the bot's m.direct), which becomes their address.
// 429 waits for `retry_after_ms`; a room the bot is still joining waits for the join.
#include <functional>
#include <string>

#include "bot/core/clock.hpp"
#include "bot/core/messages.hpp"
#include "bot/core/outbox.hpp"
#include "bot/storage/people_store.hpp"
#include "bot/transports/matrix/matrix_api.hpp"
#include "bot/transports/matrix/matrix_event.hpp"
#include "bot/transports/matrix/matrix_store.hpp"

namespace relais::matrix {

class MatrixSender final : public core::TransportSender {
 public:
  MatrixSender(MatrixApi& api, MatrixStore& store, storage::PeopleStore& people, const core::MessageCatalog& messages,
               const core::Clock& clock, std::string rooms_language)
      : api_(api), store_(store), people_(people), messages_(messages), clock_(clock),
        rooms_language_(std::move(rooms_language)) {}

  void deliver(const storage::OutboxRow& row, std::function<void(core::Delivery)> done) override;

 private:
  void open_direct_chat(const storage::OutboxRow& row, const std::string& user_id,
                        std::function<void(core::Delivery)> done);
  void record_direct(const std::string& user_id, const std::string& room_id);
  void post(const storage::OutboxRow& row, const Address& to, std::function<void(core::Delivery)> done);
  std::string language_of(const std::string& recipient_id);

  MatrixApi& api_;
  MatrixStore& store_;
  storage::PeopleStore& people_;
  const core::MessageCatalog& messages_;
  const core::Clock& clock_;
  std::string rooms_language_;
};

}  // namespace relais::matrix
