// What the IAM and auth-provider tests share: login providers made by hand, and their ids.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "client/iam.hpp"

namespace dcos::testing {

/// A provider whose login starts at /acs/api/v1/auth/login.
inline LoginProvider provider(std::string id, std::string type, std::string method) {
  return {std::move(id), std::move(type), std::move(method), "/acs/api/v1/auth/login", "d"};
}

/// The ids of `providers`, in order.
inline std::vector<std::string> ids(const std::vector<LoginProvider>& providers) {
  std::vector<std::string> out;
  for (const auto& p : providers) out.push_back(p.id);
  return out;
}

}  // namespace dcos::testing
