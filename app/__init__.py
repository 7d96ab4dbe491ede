"""SeekDesk: a desktop chat client for DeepSeek and Qwen models on Alibaba Cloud Model Studio."""

__version__ = "0.1.0"
