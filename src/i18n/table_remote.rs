//! The messages of commands run over SSH (`ssh host history …`) and of a
//! local command that finds the database held by `thidua serve`. Joined to
//! the other tables into one `Msg`.

/// Joins these messages to the others and makes the one `Msg` enum.
macro_rules! remote_messages {
    ($($rest:tt)*) => {
        forms_messages! {
            $($rest)*
            RefusedReadServerFiles => ("chỉ quản trị viên được đọc tệp trên máy chủ", "only an admin may read files on the server"),
            RefusedWholeDatabase => ("chỉ quản trị viên được sao lưu, xuất toàn bộ hoặc kiểm tra cả cơ sở dữ liệu", "only an admin may back up, dump or check the whole database"),
            DbInUse => ("cơ sở dữ liệu {} đang được một tiến trình thidua khác dùng; để nhiều người cùng làm việc trên một cơ sở dữ liệu, hãy chạy `thidua serve` một lần rồi kết nối qua SSH", "the database {} is in use by another thidua process; to let several people work on one database, run `thidua serve` once and connect over SSH"),
            ServeHoldsRun => ("cơ sở dữ liệu {} đang được `thidua serve` giữ (cổng {}); hãy chạy lệnh qua máy chủ: {}", "the database {} is in use by `thidua serve` (port {}); run the command through it: {}"),
            ServeHoldsOpen => ("cơ sở dữ liệu {} đang được `thidua serve` giữ (cổng {}); hãy mở chương trình qua máy chủ: {}", "the database {} is in use by `thidua serve` (port {}); open the program through it: {}"),
            ServeHoldsStop => ("cơ sở dữ liệu {} đang được `thidua serve` giữ (cổng {}); lệnh này không chạy qua máy chủ được: hãy dừng máy chủ trước (Ctrl-C)", "the database {} is in use by `thidua serve` (port {}); this command cannot run through the server: stop the server first (Ctrl-C)"),
            ExecInteractive => ("chương trình tương tác cần một terminal: hãy kết nối bằng ssh -t, không kèm lệnh; các lệnh chạy được qua SSH: history, lookup, export, criteria, audit, check, backup, dump", "the interactive program needs a terminal: connect with ssh -t and no command; the commands that run over SSH are history, lookup, export, criteria, audit, check, backup, dump"),
            ExecServe => ("máy chủ đang chạy rồi: `serve` không chạy qua SSH", "the server is running already: `serve` does not run over SSH"),
            ExecInit => ("cơ sở dữ liệu của máy chủ đã có: `init` không chạy qua SSH", "the server's database exists already: `init` does not run over SSH"),
            ExecRestore => ("`restore` tạo một cơ sở dữ liệu mới trên máy của bạn, không chạy qua SSH: hãy tải bản sao lưu về (`backup --out - > TỆP`) rồi chạy `thidua --db MỚI restore TỆP` tại máy bạn", "`restore` makes a new database on your machine and does not run over SSH: fetch a backup (`backup --out - > FILE`) and run `thidua --db NEW restore FILE` there"),
            ExecOption => ("tùy chọn {} không dùng qua SSH: máy chủ dùng cơ sở dữ liệu và thiết lập của nó", "the option {} is not used over SSH: the server uses its own database and settings"),
            ExecQuotes => ("không tách được lệnh thành các từ: có dấu ngoặc chưa đóng", "cannot split the command into words: a quote is not closed"),
            ExecNotUtf8 => ("lệnh không phải văn bản UTF-8", "the command is not UTF-8 text"),
            ExecTooLong => ("lệnh dài {} byte; tối đa {} byte", "the command is {} bytes long; at most {} bytes"),
            ExecOutputLimit => ("kết quả vượt quá {} byte; đã dừng", "the output went past {} bytes; stopped"),
            ExecBusy => ("máy chủ đang có quá nhiều lệnh chờ chạy; hãy thử lại sau", "the server has too many commands waiting; try again later"),
            ExecFailed => ("lệnh dừng do lỗi bên trong máy chủ; những gì đã lưu vẫn còn", "the command stopped on an internal error in the server; what was saved is kept"),
            ExecOutHint => ("ghi ra đầu ra chuẩn bằng `--out -` rồi chuyển hướng ở máy bạn (`> TỆP`)", "write to standard output with `--out -` and redirect on your side (`> FILE`)"),
            ExecInHint => ("gửi tệp qua đầu vào chuẩn: ghi `-` thay cho tên tệp, và `< TỆP` ở máy bạn", "send the file on standard input: `-` for the file name, and `< FILE` on your side"),
            StdinName => ("(đầu vào chuẩn)", "(standard input)"),
        }
    };
}
